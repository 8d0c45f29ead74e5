package io.switchboard.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.camunda.bpm.engine.cdi.CdiExpressionManager;
import org.camunda.bpm.engine.cdi.impl.el.CdiResolver;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.camunda.bpm.quarkus.engine.extension.QuarkusProcessEngineConfiguration;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The engine's configuration: the extension's defaults (and {@code quarkus.camunda.*}), with one
 * change. Process expressions may call methods of named CDI beans ({@code ${sla.due(execution, 'x', 1)}}):
 * the CDI resolver of camunda-engine-cdi hands method calls to {@code BeanManager.getELResolver()},
 * which Quarkus does not implement. Here the CDI resolver only finds the bean by name and the
 * chain's bean resolver calls the method on it.
 */
@ApplicationScoped
public class EngineConfiguration {

    @Produces
    @Singleton
    QuarkusProcessEngineConfiguration engineConfiguration() {
        return new QuarkusProcessEngineConfiguration() {
            @Override
            protected void initExpressionManager() {
                super.initExpressionManager();
                expressionManager = withFunctionsOf(expressionManager, new NamedBeanExpressionManager());
            }
        };
    }

    /** The built-in functions (now(), dateTime(), currentUser(), ...) the engine registered on the replaced manager. */
    @SuppressWarnings("unchecked")
    static ExpressionManager withFunctionsOf(ExpressionManager registered, ExpressionManager replacement) {
        try {
            Field f = JuelExpressionManager.class.getDeclaredField("functions");
            f.setAccessible(true);
            ((Map<String, Method>) f.get(registered)).forEach(replacement::addFunction);
            return replacement;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot carry the engine's expression functions over", e);
        }
    }

    /** The resolver chain of {@link CdiExpressionManager}, with a CDI resolver that only looks up beans. */
    static final class NamedBeanExpressionManager extends CdiExpressionManager {
        @Override
        protected ELResolver createElResolver() {
            CompositeELResolver chain = new CompositeELResolver();
            chain.add(new VariableScopeElResolver());
            chain.add(new VariableContextElResolver());
            chain.add(new NamedBeanResolver());
            chain.add(new ArrayELResolver());
            chain.add(new ListELResolver());
            chain.add(new MapELResolver());
            chain.add(new BeanELResolver());
            return chain;
        }
    }

    /** Resolves a top-level name to the named bean (as {@link CdiResolver} does) and nothing else. */
    static final class NamedBeanResolver extends CdiResolver {
        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            return null;
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            // beans are not assignable from expressions
        }
    }
}
