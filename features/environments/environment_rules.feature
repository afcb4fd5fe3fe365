@sop:7 @auth
Feature: SOP 7 environment comparison matrix, and each environment's hardening (sections 1.1, 2-6)
  Scenarios tagged @env:<name> apply to those environments only; the rest apply everywhere.

  @api
  Scenario: /health names the environment as its SOP configuration block sets it
    Then /health reports the environment's ENVIRONMENT

  @sop:9.2 @env:dev @env:test @env:uat @env:prod
  Scenario: Where auth is required, a chat without a token is refused with "Missing token"
    When a caller without a token asks for a chat
    Then the chat is refused with 401 "Missing token"

  @sop:3.3 @env:dev
  Scenario: Development accepts the SOP's dev tokens
    When a caller asks for a chat with the token "dev_alice_analyst"
    Then the chat is answered

  @sop:3.3 @env:test @env:uat @env:prod
  Scenario: A dev token is refused outside development
    When a caller asks for a chat with the token "dev_alice_admin"
    Then the chat is refused with 401 "Dev tokens are accepted only"

  @sop:6.3 @env:prod @simulated
  Scenario: Production refuses a sign-in without MFA
    When a UAT user who signed in without MFA asks for a chat
    Then the chat is refused with 401 "MFA required"

  @sop:1.1
  Scenario: CORS refuses an origin that is not the Static Web App's
    Then a CORS preflight from "https://attacker.example" is refused

  @sop:1.1 @env:prod @web
  Scenario: Production CORS allows exactly the SWA origin, never a wildcard
    Then a CORS preflight from the web app's origin is allowed for exactly that origin
    And a CORS preflight from "http://localhost:5173" is refused

  @sop:6.7
  Scenario: Error bodies carry no stack traces and no secrets
    Then error bodies carry no stack trace and no secret

  @sop:6.7 @simulated @reference @chat @env:test @env:uat @env:prod
  Scenario: Every API call is audited with the caller's identity, personal data masked
    When the user asks elena "What is the capital of France?"
    Then the reply is HTTP 200
    And the audit log holds that chat with the caller's identity

  @sop:6.7 @env:test @env:uat @env:prod
  Scenario: Debug-only surfaces are off outside development
    Then debug-only surfaces are not served
