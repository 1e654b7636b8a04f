/**
 * The JUnit report stays well-formed whatever an implementation sends into the failure bodies:
 * an answer with several `]]>`, each of which would end a CDATA section.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startRecordingServer } from "../helpers/http.js";

const root = new URL("../../", import.meta.url);

describe("JUnit failure bodies", () => {
  it("hold what a server sent, several ]]> included, as valid JUnit XML", async () => {
    const hostile = "]]></failure><x>]]> and ]]>";
    const server = await startRecordingServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(hostile);
    });
    const output = await mkdtemp(path.join(tmpdir(), "archive-kit-junit-"));
    try {
      const { code } = await runCli(["verify", "--api", "intercom", "--base-url", server.url, "--case", "intercom/archive-by-id", "--reporter", "junit", "--output", output], {
        env: { INTERCOM_TOKEN: "test-only-intercom-token" },
      });
      expect(code).toBe(1);
      const xml = await readFile(path.join(output, "archive-kit-junit.xml"), "utf8");
      const schema = await readFile(new URL("test/fixtures/junit.xsd", root), "utf8");
      const validation = await validateXML({ xml: [{ fileName: "archive-kit-junit.xml", contents: xml }], schema: [{ fileName: "junit.xsd", contents: schema }] });
      expect(validation.errors).toEqual([]);
      const body = /type="conformance"><!\[CDATA\[([\s\S]*?)\]\]><\/failure>/.exec(xml)![1]!;
      expect(body).toContain('Received: "]]\\u003e</failure><x>]]\\u003e and ]]\\u003e"');
      expect(xml.match(/<failure /g)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
