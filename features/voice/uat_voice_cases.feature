@sop:5.5 @voice
Feature: SOP 5.5 UAT voice test cases
  Voice cases 1-5 of the UAT checklist, proven with real speech in and real speech out.

  @uat:voice-1 @smoke
  Scenario: Start a voice session with Elena
    Given the user opens a voice session
    Then the voice socket announces elena
    When the user says "hello"
    Then the assistant answers with speech

  @uat:voice-2
  Scenario: Speak requirements and verify the transcription
    Given the user opens a voice session
    When the user says "requirements-dictation"
    Then the user's speech is transcribed
    And the assistant answers with speech

  @uat:voice-3
  Scenario: Switch to Marcus mid-conversation
    Given the user opens a voice session
    When the user says "hello"
    Then the assistant answers with speech
    When the user switches to marcus
    Then the voice socket announces marcus
    When the user says "crm-migration"
    Then the user's speech is transcribed
    And the assistant answers with speech

  @uat:voice-4 @simulated
  Scenario Outline: Voice characteristics match the agent (<agent>)
    Given the user opens a voice session
    When the user switches to <agent>
    Then the voice socket announces <agent>
    When the user says "capital-of-france"
    Then the answer audio is 24 kHz PCM16 speech
    And the answer audio is spoken in <agent>'s voice

    Examples:
      | agent  |
      | elena  |
      | marcus |
      | sage   |

  @uat:voice-5 @simulated
  Scenario: Interruption handling: speaking over the answer cancels it
    Given the VoiceLive simulator paces like "realistic"
    And the user opens a voice session
    When the user says "crm-migration"
    Then the assistant starts answering with speech
    When the user says "hello"
    Then VoiceLive ended a response as cancelled because "turn_detected"
    And the user's speech is transcribed
