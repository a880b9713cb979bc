import { z } from 'zod';

const media = z.looseObject({ id: z.string().min(1).max(256), mime_type: z.string().max(128).optional() });

/** One message in a webhook's `value.messages`: the kinds Suara reads; others are kept as their type. */
export const cloudMessageSchema = z.looseObject({
  from: z.string().regex(/^\d{8,15}$/),
  id: z.string().min(1).max(256),
  timestamp: z.string().max(32).optional(),
  type: z.string().max(32),
  text: z.looseObject({ body: z.string().max(65_536) }).optional(),
  image: media.extend({ caption: z.string().max(4096).optional() }).optional(),
  audio: media.optional(),
  video: media.extend({ caption: z.string().max(4096).optional() }).optional(),
  document: media.extend({ caption: z.string().max(4096).optional() }).optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().max(1024).optional(),
      address: z.string().max(1024).optional(),
    })
    .optional(),
  interactive: z
    .looseObject({
      type: z.string().max(32),
      button_reply: z.looseObject({ id: z.string().max(256), title: z.string().max(256) }).optional(),
      list_reply: z.looseObject({ id: z.string().max(256), title: z.string().max(256) }).optional(),
    })
    .optional(),
  button: z.looseObject({ text: z.string().max(256) }).optional(),
});

export const cloudStatusSchema = z.looseObject({
  id: z.string().min(1).max(256),
  status: z.string().max(32),
  errors: z.array(z.looseObject({ code: z.number().int() })).optional(),
});

/** Meta batches: several entries, each with changes, each with messages and statuses. */
export const cloudWebhookSchema = z.looseObject({
  object: z.string().max(64),
  entry: z
    .array(
      z.looseObject({
        changes: z
          .array(
            z.looseObject({
              field: z.string().max(64).optional(),
              value: z.looseObject({
                metadata: z.looseObject({ phone_number_id: z.string().max(64) }).optional(),
                messages: z.array(z.unknown()).max(1000).optional(),
                statuses: z.array(z.unknown()).max(1000).optional(),
              }),
            }),
          )
          .max(1000),
      }),
    )
    .max(1000),
});

export type CloudMessage = z.infer<typeof cloudMessageSchema>;
