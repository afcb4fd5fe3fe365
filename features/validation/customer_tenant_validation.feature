@sop:1.1 @smoke
Feature: SOP 1.1 Validation (copy/paste)
  The three calls an operator pastes after replicating Engram into a customer tenant:
  health, one chat message to Elena, and the VoiceLive status.

  @api
  Scenario: Health answers healthy
    When the operator calls GET "/health"
    Then the answer is HTTP 200 with a JSON body
    And the JSON field "status" is "healthy"
    And the JSON has the fields "timestamp, version, environment"

  @chat
  Scenario: Elena answers the capital of France
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 200
    And the reply mentions "Paris"
    And the reply comes from elena
    And the reply carries a session id

  @voice
  Scenario: VoiceLive status reports VoiceLive as configured
    When the operator calls GET "/api/v1/voice/status"
    Then the answer is HTTP 200 with a JSON body
    And VoiceLive is reported as configured
