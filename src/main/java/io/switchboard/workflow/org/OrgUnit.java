package io.switchboard.workflow.org;

/** A unit of the org tree: {@code parentId} null at the top; {@code manager} a username or null. */
public record OrgUnit(String tenant, String id, String name, String parentId, String manager) {
}
