package dev.i2v.gateway.operators;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/v1/me}: the operator a token signs in as, and its role (the operator page shows what it may do). */
@RestController
class OperatorController {

    @GetMapping("/admin/v1/me")
    Operator me(@RequestAttribute(Operator.ATTRIBUTE) Operator operator) {
        return operator;
    }
}
