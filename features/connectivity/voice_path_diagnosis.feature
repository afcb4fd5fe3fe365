@connectivity @voice
Feature: The voice path from the harness's side (WebSocket troubleshooting guide)
  The guide's checks run against the target itself: DNS, TCP, TLS, the HTTP/1.1 upgrade of the voice socket, the
  session behind it, session affinity and the backend's own connectivity test, as ./harness diagnose runs them.

  @seed:websocket-troubleshooting:testing @seed:websocket-troubleshooting:solutions-2
  Scenario: The target's voice path passes every step of the diagnosis
    When the harness diagnoses the target's voice path
    Then no step of the diagnosis fails
