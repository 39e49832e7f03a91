package io.devws.install.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.Map;

/** The devws-operator chart driven through real Helm (helm-java: Helm v3 as a native library). */
public final class Chart {
    private final Path dir;

    public Chart(Path dir) {
        this.dir = dir;
    }

    public LintResult lintStrict() {
        return new Helm(dir).lint().strict().call();
    }

    /** helm template RELEASE -n NAMESPACE [-f values] [--set k=v...]; CRDs (crds/) are not included, as in Helm. */
    public String template(String release, String namespace, Path valuesFile, Map<String, Object> set) {
        TemplateCommand cmd = new Helm(dir).template().withName(release).withNamespace(namespace);
        if (valuesFile != null) {
            cmd = cmd.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> e : set.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return cmd.call();
    }

    public Manifests render(String release, String namespace, Path valuesFile, Map<String, Object> set) {
        return Manifests.parse(template(release, namespace, valuesFile, set));
    }
}
