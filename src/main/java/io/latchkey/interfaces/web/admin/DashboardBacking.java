package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AuditReadingService;
import io.latchkey.application.Dashboard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * {@code admin.xhtml}: the dashboard. Account figures and a month of sign-ins, read from the
 * per-day counters (never the audit trail), with links into the filtered account list and audit
 * log.
 */
@Named
@RequestScoped
public class DashboardBacking {

  @Inject AuditReadingService reading;

  private Dashboard dashboard;
  private SignInChart chart;

  public Dashboard getDashboard() {
    if (dashboard == null) {
      dashboard = reading.dashboard();
    }
    return dashboard;
  }

  public SignInChart getChart() {
    if (chart == null) {
      chart = SignInChart.of(getDashboard());
    }
    return chart;
  }

  /** The audit log of the whole period, for one event type. */
  public String periodUrl(String eventType) {
    return "admin/audit?type="
        + eventType
        + "&from="
        + getDashboard().from()
        + "&to="
        + getDashboard().to();
  }
}
