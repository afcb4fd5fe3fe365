@connectivity @relaunch @voice
Feature: Voice Live WebSocket connection timeouts, reproduced by their causes (WebSocket troubleshooting guide)
  "When running the media worker in Azure Container Apps, you may encounter WebSocket connection timeouts to Azure
  Speech Services: Status: Error (Connection timeout), Latency: 5,004ms". Each cause the guide names is set up on
  purpose in front of the VoiceLive simulator; the backend must show the guide's symptom, survive it and recover.

  @seed:websocket-troubleshooting:issue @seed:websocket-troubleshooting:testing
  Scenario: A black-holed endpoint times out on the connectivity test, close to the connect timeout
    Given the Voice Live endpoint is behind the network fault "black-hole"
    When its connectivity test is read
    Then the Voice Live check reports "Error (Connection timeout)"
    And its latency is close to the connect timeout

  @seed:websocket-troubleshooting:solutions-4 @seed:websocket-troubleshooting:monitoring
  Scenario: Retries back off exponentially, logging the guide's lines, then degrade gracefully and recover
    Given the Voice Live endpoint is behind the network fault "black-hole"
    When a voice session is opened through it
    Then the voice session fails naming "Connection timeout"
    And the voice link logged "Attempting to reconnect (X/5)" for attempts 2 to 5
    And the attempts are spaced by growing intervals
    And the voice link is "failed" after attempt 5
    And a chat on it is answered
    And its health says "degraded"
    When the network fault clears
    Then voice recovers without a restart
    And its health says "healthy"

  @seed:websocket-troubleshooting:known-limitations @seed:websocket-troubleshooting:solutions-1
  Scenario: A cold start: the first connections fail, a retry in the container succeeds
    Given the Voice Live endpoint is behind the network fault "cold-start"
    And Engram runs with CONTAINER_APP_NAME set to "ca-media-worker-dev"
    When a voice session is opened through it
    Then the voice link connected after retrying
    And its voice status names the container app "ca-media-worker-dev"

  @seed:websocket-troubleshooting:root-cause
  Scenario: A network policy that blocks WebSockets: the proxy refuses the tunnel
    Given egress goes through the proxy "proxy-refuse-upgrade"
    When its connectivity test is read
    Then the Voice Live check reports "Error (proxy refused upgrade)"

  @seed:websocket-troubleshooting:root-cause @seed:websocket-troubleshooting:solutions-1
  Scenario: A required proxy is honoured for the WebSocket (HTTP CONNECT)
    Given egress goes through the proxy "proxy-pass"
    When its connectivity test is read
    Then the Voice Live check reports "OK"
    And the proxy saw a tunnel to the Voice Live endpoint

  @seed:websocket-troubleshooting:root-cause
  Scenario: A proxy that demands authentication is named as such
    Given egress goes through the proxy "proxy-auth"
    When its connectivity test is read
    Then the Voice Live check reports "Error (proxy authentication required)"

  @seed:websocket-troubleshooting:root-cause
  Scenario: A subscription key that fails in the container is a 401, never retried
    Given Engram runs with AZURE_VOICELIVE_KEY set to "not-the-voicelive-key"
    And Engram runs with CONTAINER_APP_NAME set to "ca-media-worker-dev"
    When its connectivity test is read
    Then the Voice Live check reports "Error (401)"
    When a voice session is opened through it
    Then the voice session fails naming "401"
    And the voice link is "failed" after attempt 1

  @seed:websocket-troubleshooting:solutions-3
  Scenario: An endpoint whose certificate is not trusted is a TLS error, not a timeout
    Given the Voice Live endpoint is behind the network fault "untrusted-tls"
    When its connectivity test is read
    Then the Voice Live check reports "Error (TLS)"
    When a voice session is opened through it
    Then the voice session fails naming "certificate is not trusted"

  @seed:websocket-troubleshooting:solutions-3
  Scenario: An endpoint whose host name does not resolve is a DNS error
    Given the Voice Live endpoint is behind the network fault "unresolvable"
    When its connectivity test is read
    Then the Voice Live check reports "Error (DNS)"

  @seed:websocket-troubleshooting:solutions-5
  Scenario: In Speech container mode the connectivity test reaches the Speech-to-text container
    Given Engram runs in Speech container mode against a Speech-to-text container
    When its connectivity test is read
    Then the Speech container check reports "OK"
