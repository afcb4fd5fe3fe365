@sop:10.1 @api
Feature: SOP 10.1 API endpoints
  Every REST row of the endpoint table: method, auth column, status and body shape.

  Scenario Outline: <method> <path> needs no credentials and answers its documented shape
    When an anonymous caller calls <method> "<path>"
    Then the answer is HTTP 200 with a JSON body
    And the body has the "<shape>" shape

    Examples:
      | method | path                        | shape        |
      | GET    | /health                     | health       |
      | GET    | /api/v1/voice/status        | voice-status |
      | GET    | /api/v1/voice/config/elena  | voice-config |
      | GET    | /api/v1/agents              | agents       |

  Scenario: The agent list names Elena, Marcus and Sage
    When an anonymous caller calls GET "/api/v1/agents"
    Then the agents listed are "elena, marcus, sage"

  Scenario Outline: The voice config of <agent> names its own voice
    When an anonymous caller calls GET "/api/v1/voice/config/<agent>"
    Then the answer is HTTP 200 with a JSON body
    And the JSON field "agent_id" is "<agent>"
    And the JSON field "voice_name" is not empty

    Examples:
      | agent  |
      | elena  |
      | marcus |
      | sage   |

  @env:local @env:staging @chat
  Scenario: Chat (auth "Depends") needs no Authorization header in POC mode
    When an anonymous caller posts to "/api/v1/chat" the body '{"content":"Hello","agent_id":"elena"}'
    Then the answer is HTTP 200 with a JSON body
    And the body has the "chat-reply" shape

  @non-strict
  Scenario: An unknown agent's voice config is a 404 naming the known agents
    When an anonymous caller calls GET "/api/v1/voice/config/nobody"
    Then the answer is HTTP 404 with a JSON body
    And the body mentions "elena"

  @non-strict
  Scenario Outline: Chat refuses <case> with a 4xx JSON error naming "<field>"
    When the caller posts to "/api/v1/chat" the body '<body>'
    Then the answer is a 4xx JSON error naming "<field>"

    Examples:
      | case                      | body                                      | field      |
      | a missing content         | {"agent_id":"elena"}                      | content    |
      | an empty content          | {"content":"","agent_id":"elena"}         | content    |
      | a numeric content         | {"content":42,"agent_id":"elena"}         | content    |
      | an unknown agent          | {"content":"Hello","agent_id":"nobody"}   | agent_id   |
      | a numeric session id      | {"content":"Hello","session_id":7}        | session_id |
      | malformed JSON            | {"content": "Hello"                       | body       |

  @non-strict
  Scenario: A method the table does not list is refused with 405
    When the caller calls DELETE "/health"
    Then the answer is HTTP 405
