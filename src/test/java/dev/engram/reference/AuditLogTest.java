package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {
    @Test
    void emailAddressesAreMaskedToTheirFirstLetterAndDomain() {
        assertEquals("u***@engramtest.onmicrosoft.com", AuditLog.mask("uat.tester1@engramtest.onmicrosoft.com"));
        assertEquals("GET /api/v1/users/p***@contoso.com/facts", AuditLog.mask("GET /api/v1/users/priya@contoso.com/facts"));
    }

    @Test
    void entriesAreKeptOnlyWhenAuditLoggingIsEnabled() {
        AuditLog off = new AuditLog(false, "development");
        off.record("GET", "/health", 200, null);
        assertTrue(off.entries().isEmpty());
        AuditLog on = new AuditLog(true, "production");
        on.record("POST", "/api/v1/chat", 200, new Principal("oid-1", List.of("engram.user"), true));
        assertEquals("oid-1", on.entries().get(0).user());
        assertEquals("production", on.entries().get(0).environment());
    }
}
