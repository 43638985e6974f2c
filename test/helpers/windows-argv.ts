/**
 * How a Windows program (node.exe, through the C runtime, like CommandLineToArgvW) splits the argument part of
 * its command line, per Microsoft's documented rules ("Parsing C++ command-line arguments"): whitespace
 * separates arguments outside double quotes; 2n backslashes before a quote give n backslashes and the quote
 * opens or closes a quoted part; 2n+1 backslashes before a quote give n backslashes and a literal quote;
 * backslashes before anything else are literal; `""` inside a quoted part is a literal quote.
 */
export function splitWindowsArguments(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n++;
      if (line[i + n] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else quoted = !quoted;
        i += n;
      } else {
        current += '\\'.repeat(n);
        i += n - 1;
      }
      inArg = true;
    } else if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
      inArg = true;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += c;
      inArg = true;
    }
  }
  if (inArg) args.push(current);
  return args;
}
