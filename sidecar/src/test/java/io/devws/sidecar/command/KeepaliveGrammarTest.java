package io.devws.sidecar.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * spec.ssh.keepaliveInterval reaches the sidecar as DEVWS_KEEPALIVE / --keepalive: every form the CRD's
 * schema accepts must be a setting the sidecar accepts, with the same meaning (issue: 1m30s passed the
 * CRD and the sidecar rejected it), and what the CRD rejects the sidecar rejects too.
 */
class KeepaliveGrammarTest {
    private static final String[] UNITS = {"h", "m", "s", "ms"};
    private static final long[] NUMBERS = {0, 1, 2, 30, 90, 500, 1000};

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ServerOptions options;
    }

    @Test
    void everyFormTheCrdAcceptsIsASidecarSetting() throws Exception {
        Pattern crd = Pattern.compile(crdPattern("keepaliveInterval"));
        List<String> forms = forms();
        assertThat(forms).hasSizeGreaterThan(800).contains("90s", "1m30s", "2h", "500ms", "0s", "1h1m1s1ms", "30s1m");
        for (String form : forms) {
            assertThat(crd.matcher(form).matches()).as("the CRD accepts %s", form).isTrue();
            assertThat(keepalive(form)).as(form).isEqualTo(expected(form));
        }
    }

    @Test
    void whatTheCrdRejectsTheSidecarRejects() throws Exception {
        Pattern crd = Pattern.compile(crdPattern("keepaliveInterval"));
        for (String bad : new String[] {"30", "1d", "PT30S", "1.5s", "-5s", "5 s", "", "s"}) {
            assertThat(crd.matcher(bad).matches()).as(bad).isFalse();
            Probe probe = new Probe();
            new CommandLine(probe).parseArgs("--keepalive", bad);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe.options.toConfig()).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g. 30s");
        }
    }

    /** Up to three number+unit parts, any units in any order (the CRD's regex repeats a part freely). */
    private static List<String> forms() {
        List<String> parts = new ArrayList<>();
        for (long n : NUMBERS) {
            for (String u : UNITS) {
                parts.add(n + u);
            }
        }
        List<String> forms = new ArrayList<>(parts);
        for (String a : parts) {
            for (String b : parts) {
                forms.add(a + b);
            }
        }
        for (String u1 : UNITS) {
            for (String u2 : UNITS) {
                for (String u3 : UNITS) {
                    forms.add("1" + u1 + "2" + u2 + "3" + u3);
                }
            }
        }
        forms.add("1h1m1s1ms");
        return forms;
    }

    /** The sum of the parts, computed here independently of the parser under test. */
    private static Duration expected(String form) {
        Matcher m = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(form);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return total;
    }

    private static Duration keepalive(String value) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--keepalive", value);
        return probe.options.toConfig().keepalive();
    }

    /** The schema pattern of a field in the generated CRD (deploy/crds), as the API server enforces it. */
    private static String crdPattern(String field) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../deploy/crds/devworkspaces.devws.io.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(field + ":")) {
                for (int j = i + 1; j < lines.size(); j++) {
                    String line = lines.get(j).trim();
                    if (line.startsWith("pattern:")) {
                        return line.substring("pattern:".length()).trim().replaceAll("^\"|\"$", "").replace("\\\\", "\\");
                    }
                }
            }
        }
        throw new AssertionError("no pattern for " + field + " in the CRD");
    }
}
