package dev.engram.harness.signoff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code uat-attestations.yaml}:
 * <pre>
 * attestations:
 *   - item: signoff-business
 *     result: pass            # pass | fail
 *     by: Jane Doe (Head of Operations)
 *     date: 2026-11-20
 *     version: 0.1.0          # the version under test this applies to
 *     note: Walked through the UAT script with the business.
 * </pre>
 * A malformed file is refused with the line and field named.
 */
public final class Attestations {
    private Attestations() {}

    public static List<Attestation> load(Path file, RequirementCatalogue catalogue) {
        if (!Files.exists(file)) {
            throw new AttestationException(file + ": no such attestations file");
        }
        List<Attestation> out = new ArrayList<>();
        try (JsonParser parser = RequirementCatalogue.YAML.getFactory().createParser(file.toFile())) {
            parser.setCodec(RequirementCatalogue.YAML);
            if (parser.nextToken() == null) {
                return List.of();
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw error(file, parser.currentTokenLocation().getLineNr(), "top level", "must be a mapping with an 'attestations' list");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("attestations")) {
                    throw error(file, parser.currentTokenLocation().getLineNr(), field, "is not a known key (expected 'attestations')");
                }
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw error(file, parser.currentTokenLocation().getLineNr(), "attestations", "must be a list");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    int line = parser.currentTokenLocation().getLineNr();
                    JsonNode entry = parser.readValueAsTree();
                    out.add(entry(file, line, entry, catalogue));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AttestationException(file + " line " + e.getLocation().getLineNr() + ": not valid YAML (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new AttestationException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return out;
    }

    private static Attestation entry(Path file, int line, JsonNode entry, RequirementCatalogue catalogue) {
        if (entry == null || !entry.isObject()) {
            throw error(file, line, "attestation", "must be a mapping with item, result, by, date and version");
        }
        String item = text(file, line, entry, "item");
        Requirement requirement = catalogue.find(item).orElseThrow(() -> error(file, line, "item", "'" + item + "' is not in the requirement catalogue"));
        if (!requirement.manual()) {
            throw error(file, line, "item", "'" + item + "' is " + requirement.kind() + ", not manual; only manual items are attested");
        }
        String result = text(file, line, entry, "result");
        if (!Set.of("pass", "fail").contains(result)) {
            throw error(file, line, "result", "must be pass or fail, got '" + result + "'");
        }
        String by = text(file, line, entry, "by");
        LocalDate date;
        try {
            date = LocalDate.parse(text(file, line, entry, "date"));
        } catch (DateTimeParseException e) {
            throw error(file, line, "date", "must be a date like 2026-11-20, got '" + entry.path("date").asText() + "'");
        }
        String version = text(file, line, entry, "version");
        return new Attestation(item, result, by, date, version, entry.path("note").asText(""), line);
    }

    private static String text(Path file, int line, JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull() || value.asText().isBlank() || value.isContainerNode()) {
            throw error(file, line, field, "is required");
        }
        return value.asText().trim();
    }

    private static AttestationException error(Path file, int line, String field, String problem) {
        return new AttestationException(file.getFileName() + " line " + line + ": field '" + field + "' " + problem);
    }

    /** A malformed attestations file; the message names the line and field. */
    public static final class AttestationException extends RuntimeException {
        public AttestationException(String message) {
            super(message);
        }
    }
}
