@sop:5.5 @chat
Feature: SOP 5.5 UAT chat test cases
  The five chat cases of the UAT checklist, proven end to end through the gateway and Zep memory.

  @uat:chat-1 @smoke
  Scenario: Send a text message and verify the response
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 200
    And the reply has the "chat-reply" shape
    And the reply mentions "Paris"

  @uat:chat-2
  Scenario: A multi-turn conversation keeps its session and context
    When the user asks elena "Hello"
    And the user asks elena "Analyze requirements for CRM migration" in the same session
    And the user asks elena "What did I just ask?" in the same session
    Then the reply is HTTP 200
    And the reply carries the same session id
    And the reply mentions "CRM migration"

  @uat:chat-3 @sop:1.1
  Scenario: Memory persists within a session and stays out of other sessions
    When the user asks elena "What is the capital of France?"
    And the user asks elena "What did I ask earlier?" in the same session
    Then the reply mentions "capital of France"
    When the user asks elena "What did I ask earlier?" in a new session
    Then the reply does not mention "capital of France"

  @uat:chat-3 @simulated
  Scenario: Both turns of a chat are persisted to Zep
    When the user asks marcus "What is the capital of France?"
    Then Zep holds the user turn "What is the capital of France?" in the session
    And Zep holds an assistant turn mentioning "Paris" in the session

  @uat:chat-4
  Scenario: Switching agents mid-conversation changes who answers
    When the user asks elena "Analyze requirements for CRM migration"
    Then the reply comes from elena
    When the user asks marcus "Analyze requirements for CRM migration" in the same session
    Then the reply comes from marcus
    And the reply carries the same session id
    And the reply differs from elena's answer

  @uat:chat-5
  Scenario: Facts told in one session are extracted and used in another
    When the user asks sage "My name is Priya and I work at %Contoso%." in a new session
    Then within 30 seconds the user asking sage "Where do I work?" in a new session gets a reply mentioning "%Contoso%"
