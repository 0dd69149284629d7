package org.cordon.server.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cordon.server.CordonServerApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole server on a fresh in-memory H2 database (PostgreSQL mode), with MockMvc, the demo accounts
 * and the {@link FixedClock}. Test classes with this annotation share one Spring context and database,
 * so each uses its own person and venue ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {CordonServerApplication.class, FixedClock.class}, properties = {
    "spring.datasource.url=jdbc:h2:mem:security-${random.uuid};MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
    "cordon.security.demo-users=true",
    "cordon.security.demo-device-venue=DEMO-GATE",
    "cordon.resident.show-codes=true"})
@AutoConfigureMockMvc
public @interface CordonWebTest {
}
