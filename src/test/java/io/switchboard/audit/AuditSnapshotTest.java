package io.switchboard.audit;

import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing the trail can hold has a field for a secret: checked over every snapshot and what it nests. */
class AuditSnapshotTest {

    private static final List<String> SECRET_WORDS = List.of("password", "secret", "hash", "key", "token",
            "credential", "authorization");

    @Test
    void noSnapshotHasAFieldForASecret() {
        List<String> fields = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c : AuditSnapshot.class.getPermittedSubclasses()) {
            collect(c, fields, seen);
        }
        assertThat(AuditSnapshot.class.getPermittedSubclasses()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(fields).contains("AgentDefinition.endpoints", "Endpoint.device", "CtiAction.latencyMs");
        assertThat(fields).allSatisfy(f -> assertThat(SECRET_WORDS)
                .noneMatch(w -> f.toLowerCase(Locale.ROOT).contains(w)));
    }

    @Test
    void everySnapshotIsARecordOfPlainValues() {
        for (Class<?> c : AuditSnapshot.class.getPermittedSubclasses()) {
            assertThat(c.isRecord()).as(c.getName()).isTrue();
        }
    }

    @Test
    void aCtiOutcomeCountsAsOkRefusedOrFailed() {
        assertThat(AuditTrail.outcomeOfCti("ok")).isEqualTo(AuditTrail.OK);
        for (String refused : List.of("invalid", "forbidden", "not-found", "conflict")) {
            assertThat(AuditTrail.outcomeOfCti(refused)).as(refused).isEqualTo(AuditTrail.REFUSED);
        }
        for (String failed : List.of("failed", "timeout", "unavailable")) {
            assertThat(AuditTrail.outcomeOfCti(failed)).as(failed).isEqualTo(AuditTrail.FAILED);
        }
    }

    @Test
    void aPrefixIsMatchedLiterally() {
        assertThat(AuditRows.likeEscaped("cti.")).isEqualTo("cti.");
        assertThat(AuditRows.likeEscaped("a_b%c!")).isEqualTo("a!_b!%c!!");
    }

    @Test
    void aCursorReadsBackWhatItWrites() {
        AuditQuery.Cursor c = new AuditQuery.Cursor(1_795_464_185_116_000L, 42);
        assertThat(AuditQuery.Cursor.parse(c.toString())).contains(c);
        assertThat(AuditQuery.Cursor.parse("abc")).isEmpty();
        assertThat(AuditQuery.Cursor.parse("-5")).isEmpty();
        assertThat(AuditQuery.Cursor.parse("12-x")).isEmpty();
    }

    private static void collect(Class<?> c, List<String> fields, Set<Class<?>> seen) {
        if (!c.isRecord() || !seen.add(c)) {
            return;
        }
        for (RecordComponent rc : c.getRecordComponents()) {
            fields.add(c.getSimpleName() + "." + rc.getName());
            collect(rc.getType(), fields, seen);
            Type t = rc.getGenericType();
            if (t instanceof ParameterizedType p) {
                for (Type arg : p.getActualTypeArguments()) {
                    if (arg instanceof Class<?> k) {
                        collect(k, fields, seen);
                    }
                }
            }
        }
    }
}
