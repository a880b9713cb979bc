CREATE TABLE "whatsapp_web_auth" (
	"session" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_web_auth_session_key_pk" PRIMARY KEY("session","key")
);
