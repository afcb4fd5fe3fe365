@sop:1.1 @web
Feature: SOP 1.1 SWA routing prerequisite, in a real browser
  "Ensure staticwebapp.config.json is deployed ... It must include a SPA fallback so deep links like /voice don't 404."

  @smoke
  Scenario: Every deep link loads the app shell
    Then every SPA route opened directly loads the app shell with 200 and text/html

  Scenario: Paths the SPA does not know are redirected to a known page on the client
    Then paths the SPA does not know are redirected on the client

  Scenario: Missing assets under the fallback's excluded globs are 404s
    Then a missing asset under each excluded glob is a 404, not the app shell

  Scenario: The config file itself is never served
    Then the config file is not served

  Scenario: API calls are proxied to the API and never rewritten to the SPA
    Then /api requests reach the API, not the SPA fallback
