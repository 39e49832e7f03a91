package io.devws.e2e;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs an E2E class (or CLASS#METHOD, or several of them) without Maven, printing each test as it ends:
 * {@code java -cp target/test-classes:$(cat target/e2e.cp) io.devws.e2e.E2eMain io.devws.e2e.JourneyE2E}.
 * Several methods of the journey run in its order, with the steps they build on named too, e.g.
 * {@code JourneyE2E#helmInstallBringsTheOperatorUp JourneyE2E#aDevWorkspaceBecomesRunning JourneyE2E#STEP}.
 */
public final class E2eMain {
    private E2eMain() {
    }

    public static void main(String[] args) {
        java.util.List<DiscoverySelector> selectors = java.util.Arrays.stream(args)
                .map(a -> a.contains("#") ? (DiscoverySelector) selectMethod(a) : selectClass(a)).toList();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    System.out.printf("%s %s%s%n", result.getStatus(), id.getDisplayName(),
                            result.getThrowable().map(t -> "\n    " + t).orElse(""));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.printf("SKIPPED %s: %s%n", id.getDisplayName(), reason);
            }
        };
        launcher.execute(request, summary, progress);
        summary.getSummary().printTo(new PrintWriter(System.out));
        summary.getSummary().printFailuresTo(new PrintWriter(System.out), 30);
        System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
    }
}
