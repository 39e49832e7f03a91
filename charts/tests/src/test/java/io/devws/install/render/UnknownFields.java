package io.devws.install.render;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields a typed Fabric8 object kept in {@code additionalProperties}: keys its kind does not define,
 * such as a misspelt {@code readinesProbe}. Jackson accepts them silently; the API server drops them.
 */
public final class UnknownFields {
    private UnknownFields() {
    }

    public static List<String> of(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, root.getClass().getSimpleName(), found);
        return found;
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (!(node instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (!isGetter(getter)) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else if (value != null) {
                walk(value, path + "." + property(getter), found);
            }
        }
    }

    private static boolean isGetter(Method m) {
        return m.getName().startsWith("get") && m.getParameterCount() == 0
                && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class;
    }

    private static String property(Method getter) {
        String n = getter.getName().substring(3);
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
