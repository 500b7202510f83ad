package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstanceRegistryTest {

    interface Service {
    }

    static class ServiceImpl implements Service {
    }

    static class OtherImpl implements Service {
    }

    static class PrivatelyMade {
        private PrivatelyMade() {
        }
    }

    static class Exploding {
        Exploding() {
            throw new IllegalStateException("no database");
        }
    }

    static class NoDefaultConstructor {
        NoDefaultConstructor(String name) {
        }
    }

    class Inner {
    }

    private final InstanceRegistry registry = new InstanceRegistry();

    @AfterEach
    void tearDown() {
        InstanceResolver.setDefault(null);
    }

    @Test
    void registeredInstance_resolvedByItsType() {
        ServiceImpl impl = new ServiceImpl();
        registry.register(ServiceImpl.class, impl);

        assertThat(registry.resolve(ServiceImpl.class)).isSameAs(impl);
    }

    @Test
    void instanceRegisteredUnderInterface_servesItsClass() {
        ServiceImpl impl = new ServiceImpl();
        registry.register(Service.class, impl);

        assertThat(registry.resolve(ServiceImpl.class)).isSameAs(impl);
    }

    @Test
    void registeringAgain_replaces() {
        ServiceImpl first = new ServiceImpl();
        ServiceImpl second = new ServiceImpl();
        registry.register(ServiceImpl.class, first).register(ServiceImpl.class, second);

        assertThat(registry.resolve(ServiceImpl.class)).isSameAs(second);
        assertThat(registry.unregister(ServiceImpl.class)).isTrue();
        assertThat(registry.registered(ServiceImpl.class)).isNull();
    }

    @Test
    void severalFittingInstances_ambiguousError() {
        registry.register(ServiceImpl.class, new ServiceImpl()).register(OtherImpl.class, new OtherImpl());

        assertThatThrownBy(() -> registry.resolve(Service.class))
                .isInstanceOf(JobQueueException.class).hasMessageContaining("2 registered instances fit");
    }

    @Test
    void unregisteredClass_newInstanceFromPrivateNoArgumentConstructor_eachTime() {
        Object first = registry.resolve(PrivatelyMade.class);
        Object second = registry.resolve(PrivatelyMade.class);

        assertThat(first).isInstanceOf(PrivatelyMade.class).isNotSameAs(second);
    }

    @Test
    void unregisteredInterface_errorNamesTheTypeAndTheWayOut() {
        assertThatThrownBy(() -> registry.resolve(Service.class))
                .isInstanceOf(JobQueueException.class)
                .hasMessageContaining(Service.class.getName() + ": it is an interface")
                .hasMessageContaining("InstanceRegistry.register(Service.class");
    }

    @Test
    void noNoArgumentConstructor_errorNamesTheType() {
        assertThatThrownBy(() -> registry.resolve(NoDefaultConstructor.class))
                .isInstanceOf(JobQueueException.class)
                .hasMessageContaining(NoDefaultConstructor.class.getName() + ": it has no no-argument constructor");
    }

    @Test
    void innerClass_errorSaysWhy() {
        assertThatThrownBy(() -> registry.resolve(Inner.class))
                .isInstanceOf(JobQueueException.class).hasMessageContaining("inner class");
    }

    @Test
    void constructorThatThrows_errorCarriesTheCause() {
        assertThatThrownBy(() -> registry.resolve(Exploding.class))
                .isInstanceOf(JobQueueException.class)
                .hasMessageContaining(Exploding.class.getName())
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void registeringAnInstanceOfAnotherType_refused() {
        assertThatThrownBy(() -> registry.register((Class) ServiceImpl.class, new OtherImpl()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultResolver_isARegistry_replaceableAndRestorable() {
        assertThat(InstanceResolver.defaultResolver()).isInstanceOf(InstanceRegistry.class);
        InstanceResolver custom = type -> "x";

        InstanceResolver.setDefault(custom);
        assertThat(InstanceResolver.defaultResolver()).isSameAs(custom);

        InstanceResolver.setDefault(null);
        assertThat(InstanceResolver.defaultResolver()).isInstanceOf(InstanceRegistry.class).isNotSameAs(custom);
    }
}
