// Where a sign-in email goes: SMTP when SMTP_URL is set (a loopback SMTP server here), else the dev mailbox
// outside production; a production server with neither refuses to pretend it sent anything. The link is a
// secret: only a development server writes it to the log.
import { once } from "node:events";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";

const link =
  "http://localhost:3000/api/auth/callback/email?token=0123456789abcdef0123456789abcdef&email=a%40b.test";

/** The web app's auth modules, loaded fresh under the given environment (they read it when they load). */
async function loadWith(vars: Record<string, string | undefined>) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", "postgresql://nitip:nitip@127.0.0.1:1/nitip");
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  const mail = await import("../src/server/auth/mail");
  const mailbox = await import("../src/server/auth/dev-mailbox");
  return { ...mail, ...mailbox };
}

function logLines() {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  warn.mockClear();
  return () => warn.mock.calls.map((args) => args.join(" ")).join("\n");
}

/** Just enough SMTP to accept one message; resolves with its DATA. */
async function smtpServer(): Promise<{ server: Server; port: number; received: Promise<string> }> {
  let deliver: (data: string) => void = () => {};
  const received = new Promise<string>((resolve) => {
    deliver = resolve;
  });
  const server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      while (true) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          deliver(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write("250 queued\r\n");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline === -1) return;
        const command = buffer.slice(0, newline).toUpperCase();
        buffer = buffer.slice(newline + 2);
        if (command.startsWith("DATA")) {
          inData = true;
          socket.write("354 go on\r\n");
        } else if (command.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : 0, received };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("sending the sign-in email", () => {
  it("goes out by SMTP when SMTP_URL is set, and not to the dev mailbox", async () => {
    const smtp = await smtpServer();
    try {
      const { sendSignInMail, readDevMailbox } = await loadWith({
        NODE_ENV: "production",
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        EMAIL_FROM: "Nitip <masuk@nitip.test>",
      });
      await sendSignInMail({ to: "rina@contoh.test", url: link });
      const data = await smtp.received;
      expect(data).toContain("To: rina@contoh.test");
      expect(data).toContain("From: Nitip <masuk@nitip.test>");
      expect(data.replace(/=\r\n/g, "")).toContain("token=3D0123456789abcdef");
      expect(readDevMailbox()).toHaveLength(0);
    } finally {
      smtp.server.close();
    }
  });

  it("in production without SMTP: no dev mailbox, and sending fails saying what to set", async () => {
    const { sendSignInMail, devMailboxEnabled } = await loadWith({
      NODE_ENV: "production",
      SMTP_URL: undefined,
    });
    expect(devMailboxEnabled()).toBe(false);
    await expect(sendSignInMail({ to: "rina@contoh.test", url: link })).rejects.toThrow("set SMTP_URL");
  });

  it("outside production: the dev mailbox, and the link in the log of a development server only", async () => {
    const dev = await loadWith({ NODE_ENV: "development", SMTP_URL: undefined });
    let log = logLines();
    await dev.sendSignInMail({ to: "dev@contoh.test", url: link });
    expect(dev.readDevMailbox()[0]).toMatchObject({ to: "dev@contoh.test", url: link });
    expect(log()).toContain(`DEVELOPMENT ONLY, sign-in link for dev@contoh.test: ${link}`);

    // A production build with DEV_MAILBOX=1 (browser tests) keeps the mailbox but never logs the link.
    const e2e = await loadWith({ NODE_ENV: "production", SMTP_URL: undefined, DEV_MAILBOX: "1" });
    log = logLines();
    await e2e.sendSignInMail({ to: "e2e@contoh.test", url: link });
    expect(e2e.readDevMailbox()[0]).toMatchObject({ to: "e2e@contoh.test" });
    expect(log()).not.toContain("token=");
    expect(log()).not.toContain("e2e@contoh.test");
  });
});
