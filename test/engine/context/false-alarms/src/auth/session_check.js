export async function whoAmI(fetch) {
  const response = await fetch('/me', { headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6Imh0dHBzOi8vYXV0aC5leGFtcGxlLmNvbSJ9.JOkt9PtEDB-qOrDIgvxmGPPi6yzd44oEoaaBE1i7j_A' } });
  return response.json();
}
