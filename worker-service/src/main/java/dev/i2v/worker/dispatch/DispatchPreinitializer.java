package dev.i2v.worker.dispatch;

import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.i2v.worker.WorkerApplication;
import dev.i2v.worker.WorkerProperties;

/**
 * Starts the dispatch set-up ({@link DispatchPreparation}) when the worker's context has been created, before its
 * refresh, the way Spring Boot's own {@code BackgroundPreinitializer} warms up what a start needs later. The
 * refresh (bean definitions, the beans, the web server) is some 2 s of a worker's start on two cores; the set-up
 * is broker round trips that used to follow it. Registered in {@code META-INF/spring.factories}, so it also runs
 * for the worker's tests; an application that is not the worker is left alone.
 */
final class DispatchPreinitializer implements ApplicationListener<ApplicationContextInitializedEvent> {

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        if (!event.getSpringApplication().getAllSources().contains(WorkerApplication.class)) {
            return;
        }
        ConfigurableApplicationContext context = event.getApplicationContext();
        // the same keys the beans bind later, read from the same environment (test properties included: the
        // context's initializers have run); the beans validate them, a failed validation stops this start anyway
        Binder binder = Binder.get(context.getEnvironment());
        KafkaProperties kafka = binder.bindOrCreate("spring.kafka", KafkaProperties.class);
        WorkerProperties worker = binder.bindOrCreate("i2v.worker", WorkerProperties.class);
        context.getBeanFactory().registerSingleton("dispatchPreparation",
                DispatchPreparation.start(kafka.buildAdminProperties(), worker));
    }
}
