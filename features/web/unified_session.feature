@sop:1.1 @web
Feature: SOP 1.1 Unified "one episode" across chat and voice, in the browser
  "Frontend generates one sessionId per browser tab (stored in sessionStorage key engram_session_id)";
  and "Frontend (SWA) required build configuration": VITE_API_URL and VITE_WS_URL name the API the UI calls.
  chat sends it as session_id, voice uses it as the socket's path parameter.

  Scenario: One session id per tab, stable across navigations, different in another tab
    When the user opens "/" in a browser tab
    Then the tab keeps one engram_session_id across those navigations
    And a second tab gets a different engram_session_id

  @chat @voice
  Scenario: The chat request and the voice socket carry the same session id
    When the user opens "/" in a browser tab
    And the user sends "What is the capital of France?" from the chat page
    Then the voice socket it opens carries the same session id as the chat

  @simulated
  Scenario: The voice socket URL uses wss when the API URL is https
    Given the reference SPA built with an https API URL
    Then the voice socket URL uses wss

  @chat @voice
  Scenario: The SPA build calls the API under test for chat and for the voice socket
    When the user opens "/" in a browser tab
    And the user sends "What is the capital of France?" from the chat page
    Then the chat request went to the API under test
    And the voice socket opens on the API under test
