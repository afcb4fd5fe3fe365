package dev.engram.harness.report;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import io.cucumber.junit.platform.engine.Constants;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Runs the Cucumber features through the JUnit Platform launcher, writing every report into one folder. */
public final class FeatureRun {
    public static final String GLUE = "dev.engram.harness.steps";

    private FeatureRun() {}

    /** Runs and returns the number of scenarios JUnit saw; the verdict is in {@code gate.json}. */
    public static long run(Path features, Path reportFolder, String tagExpression) throws Exception {
        return run(features, reportFolder, tagExpression, true);
    }

    /** As {@link #run(Path, Path, String)}; with {@code progress}, a console line per finished scenario. */
    public static long run(Path features, Path reportFolder, String tagExpression, boolean progress) throws Exception {
        if (!Files.isDirectory(features)) {
            throw new IllegalArgumentException("features folder not found: " + features);
        }
        Files.createDirectories(reportFolder);
        String dir = reportFolder.toAbsolutePath().toString();
        // Allure reads its results folder from this property when its plugin starts; gate.json stays the authority
        System.setProperty("allure.results.directory", dir + "/allure-results");
        String reports = String.join(",",
                "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm",
                "html:" + dir + "/cucumber.html",
                "json:" + dir + "/cucumber.json",
                "junit:" + dir + "/junit.xml",
                ResultsPlugin.class.getName() + ":" + dir);
        Launcher launcher = LauncherFactory.create();
        long planned = launcher.discover(request(features, tagExpression, reports).build())
                .countTestIdentifiers(org.junit.platform.launcher.TestIdentifier::isTest);
        String plugins = reports + (progress ? "," + ProgressPlugin.class.getName() + ":" + planned : "");
        if (progress) {
            System.out.println(planned + " scenario(s) to run");
        }
        LauncherDiscoveryRequest request = request(features, tagExpression, plugins).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary().getTestsFoundCount();
    }

    private static LauncherDiscoveryRequestBuilder request(Path features, String tagExpression, String plugins) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(features.toFile()))
                .filters(EngineFilter.includeEngines("cucumber"), TagFilter.includeTags(tagExpression))
                .configurationParameter(Constants.GLUE_PROPERTY_NAME, GLUE)
                .configurationParameter(Constants.PLUGIN_PROPERTY_NAME, plugins)
                .configurationParameter(Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, "true")
                .configurationParameter(Constants.JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME, "long")
                .configurationParameter(Constants.ANSI_COLORS_DISABLED_PROPERTY_NAME, "true");
    }
}
