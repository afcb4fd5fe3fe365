@sop:10.2 @voice
Feature: SOP 10.2 voice WebSocket protocol
  The browser talks to /api/v1/voice/voicelive/{session_id} with audio, agent and cancel messages; Engram answers
  with agent_switched, transcription, audio and error messages.

  Background:
    Given the user opens a voice session
    Then the voice socket announces elena

  @smoke
  Scenario: Speech is transcribed and answered with PCM16 speech
    When the user says "capital-of-france"
    Then the transcription goes listening, processing, complete
    And the user's speech is transcribed
    And the answer audio is 24 kHz PCM16 speech
    And the assistant's answer mentions "Paris"

  Scenario: An agent message switches the agent
    When the user switches to marcus
    Then the voice socket announces marcus

  @non-strict
  Scenario: An unknown agent is an error and the session keeps its agent
    When the user asks for the agent "nobody"
    Then the voice socket answers an error mentioning "elena, marcus, sage"
    And the voice socket is still usable

  @non-strict
  Scenario Outline: A bad client frame (<case>) is an error and the socket stays usable
    When the client sends the frame '<frame>'
    Then the voice socket answers an error
    And the voice socket is still usable

    Examples:
      | case                | frame                                           |
      | malformed JSON      | {"type": "audio", "data":                       |
      | unknown type        | {"type": "dance"}                               |
      | bad base64 audio    | {"type": "audio", "data": "***not base64***"}   |
      | odd-length PCM16    | {"type": "audio", "data": "AAEC"}               |
      | a WAV container     | {"type": "audio", "data": "UklGRiQAAABXQVZFZm10IBAAAAABAAIAwF0AAACNAQAEABAAZGF0YQAAAAA="} |
      | an oversize frame   | <2 MB of audio>                                 |

  @simulated
  Scenario: A cancel message cancels the response in VoiceLive
    Given the VoiceLive simulator paces like "realistic"
    When the user says "crm-migration"
    Then the assistant starts answering with speech
    When the user cancels the response
    Then VoiceLive ended a response as cancelled because "client_cancelled"

  @simulated
  Scenario: active_sessions returns to 0 when the socket closes
    When the user hangs up
    Then no voice session stays open
