package dev.engram.harness.stack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.harness.config.Endpoints;
import dev.engram.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What a running {@code ./harness serve} tells a gate that attaches to it ({@code --stack FILE}): its endpoints, the
 * environment it rehearses and, in the owner-only file it writes, how to sign in at its Entra ID fake. FILE may be
 * that file or the serve's stdout ready line, which names it in {@code stack_file}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StackFile(
        String api, String web, String voicelive, String gateway, String zep, String entra, String environment,
        @JsonProperty("stack_file") String stackFile,
        @JsonProperty("entra_access") EntraAccess entraAccess) {

    public Endpoints endpoints(String api) {
        return new Endpoints(api, null, voicelive, gateway, zep, entra);
    }

    public static StackFile of(EmbeddedStack stack, Path file) {
        Endpoints e = stack.endpoints();
        return new StackFile(e.api(), e.web(), e.voicelive(), e.gateway(), e.zep(), e.entra(), stack.environment(),
                file.toString(), stack.entraAccess().orElse(null));
    }

    /** Writes this, secrets included, to a file only its owner can read. */
    public void writeOwnerOnly(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Json.write(this) + "\n");
    }

    /** Reads a stack file or a ready line; a ready line is followed to the file it names. */
    public static StackFile read(Path file) {
        StackFile read = parse(file);
        if (read.entraAccess() == null && read.stackFile() != null && !Path.of(read.stackFile()).equals(file)
                && Files.exists(Path.of(read.stackFile()))) {
            return parse(Path.of(read.stackFile()));
        }
        return read;
    }

    private static StackFile parse(Path file) {
        try {
            String text = Files.readString(file);
            String line = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalArgumentException("--stack " + file + " holds no JSON ready line of ./harness serve"));
            StackFile parsed = Json.MAPPER.readValue(line, StackFile.class);
            if (parsed.gateway() == null || parsed.zep() == null || parsed.voicelive() == null) {
                throw new IllegalArgumentException("--stack " + file + " names no gateway, zep and voicelive endpoints: is it a ./harness serve ready line?");
            }
            return parsed;
        } catch (IOException e) {
            throw new IllegalArgumentException("--stack " + file + " cannot be read: " + e.getMessage());
        }
    }
}
