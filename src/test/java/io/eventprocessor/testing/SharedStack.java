package io.eventprocessor.testing;

import io.eventprocessor.config.Settings;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.stack.TemporaryHome;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The embedded stack, started once for the whole test run and shared by every integration test
 * ({@code @ExtendWith(SharedStack.class)}, then take a {@link LocalStack} or {@link Settings} parameter); closed when the run ends. Tests keep their data apart by
 * using their own ids, and never assume an empty outbox.
 */
public final class SharedStack implements BeforeAllCallback, ParameterResolver {
    private static final Object LOCK = new Object();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        get(context);
    }

    public static LocalStack get(ExtensionContext context) throws Exception {
        synchronized (LOCK) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
            Holder holder = store.get(Holder.class, Holder.class);
            if (holder == null) {
                Path home = TemporaryHome.create("event-processor-test");
                LocalStack stack = LocalStack.start(LocalStack.Options.anyPorts(home), msg -> {});
                holder = new Holder(stack, home);
                store.put(Holder.class, holder);
            }
            return holder.stack;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == Settings.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            LocalStack stack = get(context);
            return parameter.getParameter().getType() == LocalStack.class ? stack : stack.settings();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded stack did not start: " + e.getMessage(), e);
        }
    }

    private record Holder(LocalStack stack, Path home) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stack.close();
            TemporaryHome.remove(home);
        }
    }
}
