package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AuditEntryView;
import io.latchkey.application.AuditReadingService;
import io.latchkey.domain.AuditQuery;
import io.latchkey.interfaces.web.CurrentAccount;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code /admin/audit.csv?type=…&account=…&from=…&to=…}: the audit log's current filter as CSV,
 * every matching entry, newest first. Written while it is read, in batches of {@value #BATCH} (each
 * its own transaction, each starting where the last ended), so an export of millions of entries
 * holds one batch in memory. Admins only: web.xml guards {@code /admin/*} and the use case checks
 * the role again; the export itself is audited before the first byte.
 *
 * <p>Cells that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or
 * carriage return) get a leading apostrophe (OWASP's advice against CSV injection); every cell is
 * quoted.
 */
@WebServlet("/admin/audit.csv")
public class AuditExportServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final int BATCH = 500;
  static final String HEADER =
      "occurred_at,event,actor_account_id,target_account_id,target_email,detail,client_address";

  @Inject AuditReadingService reading;
  @Inject CurrentAccount currentAccount;
  @Inject Clock clock;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String type = request.getParameter("type");
    Long account = number(request.getParameter("account"));
    String from = request.getParameter("from");
    String to = request.getParameter("to");
    AuditQuery query = AuditFilter.query(type, account, from, to);
    String filter = AuditFilter.queryString(type, account, from, to);
    reading.exportStarted(
        currentAccount.getAccount().id(),
        filter.isEmpty() ? null : filter.substring(1),
        request.getRemoteAddr());

    response.setContentType("text/csv");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"latchkey-audit-"
            + LocalDate.now(clock.withZone(ZoneOffset.UTC))
            + ".csv\"");
    PrintWriter out = response.getWriter();
    out.print(HEADER);
    out.print("\r\n");
    AuditEntryView last = null;
    while (true) {
      List<AuditEntryView> batch = reading.exportBatch(query, last, BATCH);
      for (AuditEntryView entry : batch) {
        out.print(row(entry));
      }
      out.flush();
      if (batch.size() < BATCH) {
        break;
      }
      last = batch.get(batch.size() - 1);
    }
  }

  static String row(AuditEntryView entry) {
    return String.join(
            ",",
            cell(entry.occurredAt().toString()),
            cell(entry.eventType()),
            cell(entry.actorAccountId() == null ? "" : entry.actorAccountId().toString()),
            cell(entry.targetAccountId() == null ? "" : entry.targetAccountId().toString()),
            cell(entry.targetEmail()),
            cell(entry.detail()),
            cell(entry.clientAddress()))
        + "\r\n";
  }

  /** One quoted cell, defused when a spreadsheet would read it as a formula. */
  static String cell(String value) {
    if (value == null) {
      return "\"\"";
    }
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  private static Long number(String value) {
    try {
      return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
    } catch (NumberFormatException malformed) {
      return null;
    }
  }
}
