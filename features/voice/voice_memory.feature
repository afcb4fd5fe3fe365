@sop:1.1 @voice
Feature: SOP 1.1 voice transcripts into Zep, and one episode across chat and voice
  "User speech is stored as a user turn, the assistant response as an assistant turn"; chat and voice share the
  browser tab's session id, so chat sees what was said by voice.

  @simulated
  Scenario: A voice turn is persisted to Zep as a user and an assistant turn
    Given the user opens a voice session
    When the user says "capital-of-france"
    Then the assistant answers with speech
    And Zep holds the voice turns of the session

  @chat
  Scenario: Chat in the same session sees what was said by voice, another session does not
    Given the user opens a voice session
    When the user says "capital-of-france"
    Then the assistant answers with speech
    When within 30 seconds the user asking elena "What did I ask earlier?" in the voice session gets a reply mentioning "capital of France"
    And the user asks elena "What did I ask earlier?" in a new session
    Then the reply does not mention "capital of France"
