@sop:9.1 @simulated @relaunch
Feature: SOP 9.1 and 9.2 troubleshooting tables, reproduced by their causes
  Each row's cause is set up on purpose; the symptom must read as the SOP describes, so an operator who sees it
  finds the SOP's resolution.

  @voice
  Scenario: A missing endpoint shows voicelive_configured false
    Given Engram configured like the stack but with AZURE_VOICELIVE_ENDPOINT set to "<unset>"
    When its voice status is read
    Then the symptom is "\"voicelive_configured\":false", as SOP 9.1 row "voicelive-not-configured" describes

  @voice @env:local @env:staging @env:dev
  Scenario: An empty key in API-key mode shows "key must be a string"
    Given Engram configured like the stack but with AZURE_VOICELIVE_KEY set to ""
    When a voice session is opened on it
    Then the symptom is "key must be a string", as SOP 9.1 row "voicelive-key-empty" describes

  @voice @env:local @env:staging @env:dev
  Scenario: An invalid credential shows a 401
    Given Engram configured like the stack but with AZURE_VOICELIVE_KEY set to "not-the-voicelive-key"
    When a voice session is opened on it
    Then the symptom is "401", as SOP 9.1 row "voicelive-401" describes

  @sop:9.2 @chat
  Scenario: No auth header where auth is required shows "401 Missing token"
    Given Engram configured like the stack but with AUTH_REQUIRED set to "true"
    When a chat without a token is sent to it
    Then the symptom is "Missing token", as SOP 9.2 row "missing-token" describes
