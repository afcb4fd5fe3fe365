@simulated
Feature: The SOP's faults survived: upstream failures mid-flight surface as errors and leave nothing behind
  SOP 9.1 "WebSocket disconnect | Network timeout" and SOP 9.2's chat issues, caused on the wire: the backend under
  test must report them to its client, clean up, and keep serving.

  @sop:9.1 @voice @relaunch
  Scenario: VoiceLive dropping mid-response (1006) ends the session with an error, and the next session works
    Given the Voice Live endpoint is behind the network fault "drop-mid-response"
    When the user speaks "crm-migration" through it
    Then the voice socket got an error and was closed
    And no voice session stays open on it
    And a new voice session through it opens

  @sop:9.2 @chat @relaunch
  Scenario: A gateway that answers half a body and closes is a JSON error, never a 200
    Given the chat gateway is behind the network fault "half-body"
    Then a chat on it fails with a JSON error, never a 200

  @sop:9.2 @sop:1.1 @chat
  Scenario: Zep answering malformed JSON does not fail chat
    Given the Zep simulator applies the fault "zep-malformed-json"
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 200
    And the reply mentions "Paris"

  @sop:10.2 @sop:6.6 @voice @non-strict
  Scenario: VoiceLive failing a response mid-turn reaches the user as an error, and the session goes on
    Given the user opens a voice session
    And VoiceLive sends "error-mid-response" in the middle of the next response
    When the user says "crm-migration"
    Then the voice socket answers an error
    When the user says "capital-of-france"
    Then the assistant answers with speech

  @sop:1.1 @voice @non-strict
  Scenario: A VoiceLive warning in the middle of an answer leaves the turn whole
    Given the user opens a voice session
    And VoiceLive sends "warning-mid-response" in the middle of the next response
    When the user says "capital-of-france"
    Then the assistant answers with speech
    And the voice socket reported no error

  @sop:9.1 @voice @non-strict
  Scenario: VoiceLive closing the session with a server error (1011) mid-response reaches the user, and a new session works
    Given the user opens a voice session
    And VoiceLive sends "close-1011-mid-response" in the middle of the next response
    When the user says "crm-migration"
    Then the voice socket answers an error
    When the user opens a voice session
    Then the voice socket announces elena

  @sop:9.1 @voice @non-strict
  Scenario: VoiceLive going silent in the middle of an answer is reported, and the session goes on
    Given the user opens a voice session
    And VoiceLive sends "stall-mid-response" in the middle of the next response
    When the user says "crm-migration"
    Then the voice socket answers an error
    When the user says "capital-of-france"
    Then the assistant answers with speech
