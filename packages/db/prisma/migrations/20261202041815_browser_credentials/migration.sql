-- AlterEnum
ALTER TYPE "token_purpose" ADD VALUE 'browser_session';
