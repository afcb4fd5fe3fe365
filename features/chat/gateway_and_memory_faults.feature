@sop:9.2 @chat @simulated
Feature: SOP 9.2 chat issues, reproduced by their causes
  The chat gateway and Zep misbehave on demand; Engram must degrade as the SOP expects and never hide a failure
  behind a 200.

  Scenario: A gateway 429 is retried with backoff and the chat still succeeds
    Given the chat gateway simulator applies the fault "gateway-rate-limited"
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 200
    And the reply mentions "Paris"
    And the gateway saw "What is the capital of France?" at least 2 times

  Scenario: A gateway that keeps answering 429 surfaces as a rate-limit error, not an apology
    Given the chat gateway simulator applies the fault "gateway-rate-limited-persistently"
    When the user asks elena "What is the capital of France?"
    Then the reply is a rate-limit error with advice to back off

  @sop:6.5
  Scenario: A gateway 500 is a 502 JSON error, never a 200 apology
    Given the chat gateway simulator applies the fault "gateway-server-error"
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 502 with a JSON error

  @non-strict
  Scenario: A gateway slower than the timeout is a 504
    Given the chat gateway simulator applies the fault "gateway-slow"
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 504 with a JSON error

  @sop:1.1
  Scenario: A slow Zep neither fails nor stalls chat
    Given the Zep simulator applies the fault "zep-slow"
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 200
    And the reply mentions "Paris"
    And the reply took less than 4000 ms

  @sop:1.1
  Scenario: An unavailable Zep does not fail chat
    Given the Zep simulator applies the fault "zep-down"
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 200
    And the reply mentions "Paris"
