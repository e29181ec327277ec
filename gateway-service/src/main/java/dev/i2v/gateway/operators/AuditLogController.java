package dev.i2v.gateway.operators;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/v1/audit-log}: the operators' actions, newest first, filtered by operator, action or target. */
@RestController
class AuditLogController {

    private final AuditLog log;

    AuditLogController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/admin/v1/audit-log")
    AuditLog.Page find(@RequestParam(required = false) String operator, @RequestParam(required = false) String action,
                       @RequestParam(required = false) String target, @RequestParam(required = false) String cursor,
                       @RequestParam(defaultValue = "50") int limit) {
        return log.find(new AuditQuery(operator, action, target, cursor), limit);
    }
}
