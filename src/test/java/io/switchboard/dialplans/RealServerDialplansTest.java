package io.switchboard.dialplans;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialplans of the servers the captures came from (pbx-conf) pass the checks: the validator
 * accepts what Asterisk 22 and FreeSWITCH 1.10 accepted.
 */
class RealServerDialplansTest {

    private static final Path DIR = Path.of("src/test/resources/pbx-conf-dialplans");

    @Test
    void asteriskExtensionsConf() throws Exception {
        String text = Files.readString(DIR.resolve("extensions.conf"));
        List<Problem> problems = DialplanValidator.validate(DialplanType.ASTERISK, text, List.of(),
                new DialplanValidator.Known(Set.of(), Set.of("support", "stress"), 1_000_000));
        assertThat(problems).isEmpty();
        assertThat(AsteriskDialplan.parse(text).contexts()).contains("agents", "inbound");
    }

    @Test
    void freeSwitchCallCenterContexts() throws Exception {
        String text = Files.readString(DIR.resolve("cc_test.xml"));
        List<Problem> problems = DialplanValidator.validate(DialplanType.FREESWITCH, text, List.of(),
                new DialplanValidator.Known(Set.of("default"), Set.of("support", "stress"), 1_000_000));
        assertThat(problems).isEmpty();
        assertThat(FreeSwitchDialplan.parse(text).contexts()).contains("cc_test");
    }
}
