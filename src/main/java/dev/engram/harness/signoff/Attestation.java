package dev.engram.harness.signoff;

import java.time.LocalDate;

/** A person's word on a manual item, for one version: {@code result} is pass or fail. */
public record Attestation(String item, String result, String by, LocalDate date, String version, String note, int line) {
    public boolean passed() {
        return result.equals("pass");
    }
}
