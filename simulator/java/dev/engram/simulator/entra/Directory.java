package dev.engram.simulator.entra;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.support.Json;
import java.util.List;
import java.util.Optional;

/** The fake tenant's principals, roles and RBAC assignments, from {@code simulator/data/entra/directory.json}. */
public record Directory(
        String tenant,
        @JsonProperty("app_roles") List<String> appRoles,
        @JsonProperty("service_principals") List<ServicePrincipal> servicePrincipals,
        List<User> users,
        List<RoleAssignment> rbac) {

    public record ServicePrincipal(String name, @JsonProperty("client_id") String clientId, List<String> roles) {}

    public record User(String username, String name, List<String> roles, boolean mfa) {}

    public record RoleAssignment(String principal, String role, String scope) {}

    public static Directory load() {
        return Json.resource("simulator/entra/directory.json", Directory.class);
    }

    public Optional<ServicePrincipal> principalByClientId(String clientId) {
        return servicePrincipals.stream().filter(p -> p.clientId().equals(clientId)).findFirst();
    }

    public Optional<ServicePrincipal> principal(String name) {
        return servicePrincipals.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<User> user(String username) {
        return users.stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst();
    }

    /** Whether a principal (by client id / object id) holds an Azure RBAC role. */
    public boolean hasRbacRole(String clientId, String role) {
        return principalByClientId(clientId)
                .map(p -> rbac.stream().anyMatch(a -> a.principal().equals(p.name()) && a.role().equals(role)))
                .orElse(false);
    }
}
