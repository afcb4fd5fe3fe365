@sop:5.5 @web @uat:accessibility
Feature: SOP 5.5 sign-off "Accessibility review complete"
  An axe-core scan of each main route; every violation is listed in the report, and serious or critical ones fail.

  Scenario: The main routes have no serious or critical accessibility violation
    Then an accessibility scan of each main route finds no serious or critical violation
