package io.latchkey.interfaces.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.application.AuditEntryView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CSV cells as the export writes them: quoted, and never run by a spreadsheet as a formula. */
class AuditCsvTest {

  @Test
  void cellsThatASpreadsheetWouldRunAreDefused() {
    assertEquals(
        "\"'=HYPERLINK(\"\"http://x\"\")\"", AuditExportServlet.cell("=HYPERLINK(\"http://x\")"));
    assertEquals("\"'+1\"", AuditExportServlet.cell("+1"));
    assertEquals("\"'-2+3\"", AuditExportServlet.cell("-2+3"));
    assertEquals("\"'@SUM(A1)\"", AuditExportServlet.cell("@SUM(A1)"));
    assertEquals("\"'\tx\"", AuditExportServlet.cell("\tx"));
    assertEquals("\"a=b\"", AuditExportServlet.cell("a=b"));
    assertEquals("\"\"", AuditExportServlet.cell(null));
  }

  @Test
  void aRowHasEveryColumnOfTheHeader() {
    String row =
        AuditExportServlet.row(
            new AuditEntryView(
                7,
                Instant.parse("2026-12-01T08:11:14.898Z"),
                "SIGN_IN_FAILED",
                null,
                42L,
                "ana@example.com",
                "password: wrong, \"quoted\"",
                "127.0.0.1"));
    assertEquals(
        "\"2026-12-01T08:11:14.898Z\",\"SIGN_IN_FAILED\",\"\",\"42\",\"ana@example.com\","
            + "\"password: wrong, \"\"quoted\"\"\",\"127.0.0.1\"\r\n",
        row);
    assertEquals(7, AuditExportServlet.HEADER.split(",").length);
  }
}
