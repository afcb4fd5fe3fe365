package dev.engram.harness;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/** The SOP features against the embedded stack, as the local gate selects them. */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@IncludeTags("((!env:staging & !env:dev & !env:test & !env:uat & !env:prod) | env:local) & !connectivity")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.engram.harness.steps")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "dev.engram.harness.report.ResultsPlugin:target/harness-reports/local,"
        + "html:target/harness-reports/local/cucumber.html,junit:target/harness-reports/local/junit.xml")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
@ConfigurationParameter(key = JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME, value = "long")
public class SopFeaturesTest {}
