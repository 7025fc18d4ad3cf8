/**
 * Values published as examples by the people who issue the real ones: printed in their
 * documentation for everyone to copy, so never a secret. Matched exactly, whole value only.
 * Each entry says where the value is published.
 */
export const KNOWN_PUBLIC_EXAMPLES: readonly { value: string; publishedBy: string }[] = [
  { value: 'AKIAIOSFODNN7EXAMPLE', publishedBy: 'AWS documentation: example access key id' },
  { value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', publishedBy: 'AWS documentation: example secret access key' },
  { value: 'AKIAI44QH8DHBEXAMPLE', publishedBy: 'AWS documentation: second example access key id' },
  { value: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', publishedBy: 'AWS documentation: second example secret access key' },
  {
    value: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    publishedBy: "jwt.io's sample token (HS256, secret 'your-256-bit-secret')",
  },
  { value: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', publishedBy: "Stripe API reference: the documentation's test secret key" },
  { value: 'pk_test_TYooMQauvdEDq54NiTphI7jx', publishedBy: "Stripe API reference: the documentation's test publishable key" },
  { value: '8f742231b10e8888abcd99yyyzzz85a5', publishedBy: "Slack API documentation: example signing secret in 'Verifying requests from Slack'" },
];

const VALUES = new Set(KNOWN_PUBLIC_EXAMPLES.map((e) => e.value));

export const isKnownPublicExample = (secret: string) => VALUES.has(secret);
