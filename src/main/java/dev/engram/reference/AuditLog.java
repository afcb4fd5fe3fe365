package dev.engram.reference;

import dev.engram.support.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SOP 6.7 "All API calls logged with user identity": with {@code AUDIT_LOG_ENABLED=true} every API call leaves an
 * entry (time, environment, method, path, status, user object id, roles) on the {@code engram.audit} logger as one
 * JSON line, and in memory for the local harness to read. Personal data is masked ("PII masked in logs").
 */
public final class AuditLog {
    public record Entry(String time, String environment, String method, String path, int status, String user, List<String> roles) {}

    private static final Logger AUDIT = LoggerFactory.getLogger("engram.audit");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");

    private final boolean enabled;
    private final String environment;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    AuditLog(boolean enabled, String environment) {
        this.enabled = enabled;
        this.environment = environment;
    }

    void record(String method, String path, int status, Principal principal) {
        if (!enabled) {
            return;
        }
        Principal who = principal == null ? Principal.ANONYMOUS : principal;
        Entry entry = new Entry(Instant.now().toString(), environment, method, mask(path), status, mask(who.userId()), who.roles());
        entries.add(entry);
        AUDIT.info(Json.write(entry));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Masks e-mail addresses (user principal names) to their first letter and domain. */
    public static String mask(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
    }
}
