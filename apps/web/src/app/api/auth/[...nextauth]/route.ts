// next-auth's endpoints: /api/auth/signin/email (send a link), /callback/email (open it), /signout, /csrf.

import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { createAuthOptions } from "../../../../server/auth/options";
import { getDatabase } from "../../../../server/db";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, context: Context) {
  return NextAuth(req, context, createAuthOptions(getDatabase().prisma));
}

export { handler as GET, handler as POST };
