package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.report.ScenarioResult;
import dev.engram.harness.signoff.Attestation;
import dev.engram.harness.signoff.Attestations;
import dev.engram.harness.signoff.Evidence;
import dev.engram.harness.signoff.RequirementCatalogue;
import dev.engram.harness.signoff.Signoff;
import dev.engram.harness.signoff.SignoffReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignoffTest {
    private static final RequirementCatalogue CATALOGUE = RequirementCatalogue.load();
    private static final List<Attestation> ATTESTED = Attestations.load(Path.of("uat-attestations.example.yaml"), CATALOGUE);

    @TempDir
    Path dir;

    private static List<ScenarioResult> uatScenarios(String failing) {
        List<ScenarioResult> results = new ArrayList<>();
        for (String tag : List.of("@uat:voice-1", "@uat:voice-2", "@uat:voice-3", "@uat:voice-4", "@uat:voice-5",
                "@uat:chat-1", "@uat:chat-2", "@uat:chat-3", "@uat:chat-4", "@uat:chat-5", "@uat:accessibility")) {
            results.add(new ScenarioResult(tag, "scenario " + tag, "features/x.feature", results.size() + 1,
                    List.of("@sop:5.5", tag), List.of("5.5"), List.of(tag.substring(5)), tag.equals(failing) ? "FAILED" : "PASSED", 1,
                    tag.equals(failing) ? "SOP 5.5 - expected x, seen y" : null, List.of()));
        }
        return results;
    }

    private static Signoff evaluate(List<ScenarioResult> results, List<Attestation> attestations, String version) {
        return Signoff.evaluate(CATALOGUE, results, attestations, "uat", version, "2026-11-21", "run-1");
    }

    @Test
    void everyChecklistItemOfSop55IsInTheCatalogue() {
        for (String id : List.of("uat-voice-1", "uat-voice-6", "uat-chat-5", "signoff-tests", "signoff-accessibility",
                "signoff-performance", "signoff-security", "signoff-business", "signoff-ready")) {
            assertTrue(CATALOGUE.find(id).isPresent(), id);
        }
    }

    @Test
    void readyWhenEveryAutomatedItemPassedAndEveryRequiredAttestationIsForThisVersion() {
        assertTrue(evaluate(uatScenarios(null), ATTESTED, "0.1.0").ready());
    }

    @Test
    void notReadyWhenOneAutomatedItemFails() {
        Signoff signoff = evaluate(uatScenarios("@uat:chat-3"), ATTESTED, "0.1.0");
        assertFalse(signoff.ready());
        assertEquals(Signoff.FAILED, signoff.items().stream().filter(i -> i.id().equals("uat-chat-3")).findFirst().orElseThrow().status());
    }

    @Test
    void notReadyWhenAnAttestationIsMissingOrForAnotherVersion() {
        List<Attestation> withoutBusiness = ATTESTED.stream().filter(a -> !a.item().equals("signoff-business")).toList();
        Signoff missing = evaluate(uatScenarios(null), withoutBusiness, "0.1.0");
        assertFalse(missing.ready());
        assertEquals(Signoff.GAP, status(missing, "signoff-business"));
        Signoff otherVersion = evaluate(uatScenarios(null), ATTESTED, "0.2.0");
        assertFalse(otherVersion.ready());
        assertEquals(Signoff.PENDING, status(otherVersion, "signoff-security"));
    }

    @Test
    void anItemWithNoAutomationRunIsAGapNeverSilent() {
        Signoff signoff = evaluate(List.of(), List.of(), "0.1.0");
        assertEquals(Signoff.GAP, status(signoff, "uat-chat-1"));
        assertEquals(CATALOGUE.items().size(), signoff.items().size());
    }

    @Test
    void theHtmlIsSelfContained() throws Exception {
        SignoffReport.write(dir, evaluate(uatScenarios(null), ATTESTED, "0.1.0"), Evidence.read(dir.resolve("none.json")), List.of());
        String html = Files.readString(dir.resolve("signoff.html"));
        assertTrue(html.contains("Ready for production deployment: YES"));
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "an external reference in signoff.html");
        assertFalse(html.contains("<script") || html.contains("<link"));
        assertTrue(Files.readString(dir.resolve("signoff.md")).contains("| uat-chat-1 | 5.5 |"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "attestations:\\n  - item: signoff-business\\n    result: maybe\\n    by: J\\n    date: 2026-11-20\\n    version: 1|line 2: field 'result'",
            "attestations:\\n  - item: signoff-business\\n    result: pass\\n    by: J\\n    date: 2026-11-20\\n|line 2: field 'version' is required",
            "attestations:\\n  - item: x\\n    result: pass\\n    by: J\\n    date: 2026-11-20\\n    version: 1|line 2: field 'item'",
            "attestations:\\n  - item: uat-chat-1\\n    result: pass\\n    by: J\\n    date: 2026-11-20\\n    version: 1|not manual",
            "attestations:\\n  - item: signoff-business\\n    result: pass\\n    by: J\\n    date: 20/11/2026\\n    version: 1|field 'date'",
            "attestations: [\\n|not valid YAML"})
    void aMalformedAttestationsFileNamesTheLineAndField(String yaml, String message) throws Exception {
        Path file = dir.resolve("uat-attestations.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n"));
        Attestations.AttestationException e = assertThrows(Attestations.AttestationException.class, () -> Attestations.load(file, CATALOGUE));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static String status(Signoff signoff, String id) {
        return signoff.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow().status();
    }
}
