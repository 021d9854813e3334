// awk through sh: the busybox applet's language, I/O and errors, with what
// busybox awk prints (checked against a real busybox 1.35; its Debian build lacks
// libm, so ^ and ** are checked against POSIX, and %* is an extension of ours).
import { describe, expect, it } from 'vitest';
import { shTranscript } from '../testing/run.ts';

const sh = (script: string): Promise<string> => shTranscript(`cd /tmp; ${script}`);

describe('awk fields', () => {
  it('splits on blanks by default; $NF and NF', async () => {
    expect(await sh('echo "  a b   c " | awk \'{print $2, NF, $NF}\''))
      .toBe('b 3 c\n');
  });
  it('-F with a single character', async () => {
    expect(await sh('printf \'root:x:0:0\\napp:x:1000:1000\\n\' | awk -F: \'{print $1 "=" $3}\''))
      .toBe('root=0\napp=1000\n');
  });
  it('-F with a regexp', async () => {
    expect(await sh('echo "a,b;c,d" | awk -F\'[,;]\' \'{print $3, NF}\''))
      .toBe('c 4\n');
  });
  it('-F tab escape and FS set in BEGIN', async () => {
    expect(await sh('printf \'a\\tb c\\n\' | awk -F\'\\t\' \'{print $2}\'; echo "x,y" | awk \'BEGIN{FS=","} {print $2}\''))
      .toBe('b c\ny\n');
  });
  it('assigning a field rebuilds $0 with OFS', async () => {
    expect(await sh('echo "a b c" | awk \'{$2="X"; print; OFS="-"; $1=$1; print}\''))
      .toBe('a X c\na-X-c\n');
  });
  it('assigning past NF extends the record', async () => {
    expect(await sh('echo "a b c" | awk \'{ $5 = "e"; print; print NF }\''))
      .toBe('a b c  e\n5\n');
  });
  it('NF assignment truncates; $0 assignment re-splits', async () => {
    expect(await sh('echo "a b c d" | awk \'{NF=2; print; print NF; $0="x y z"; print NF, $3}\''))
      .toBe('a b\n2\n3 z\n');
  });
  it('sub on a field rebuilds the record', async () => {
    expect(await sh('printf \'one two\\n\' | awk \'{ sub(/o/, "0", $2); print; print $2 }\''))
      .toBe('one tw0\ntw0\n');
  });
});

describe('awk records', () => {
  it('NR and FNR across two files, FILENAME', async () => {
    expect(await sh('printf \'1\\n2\\n\' > f1; printf \'3\\n4\\n5\\n\' > f2; awk \'{print FILENAME, NR, FNR, $0}\' f1 f2'))
      .toBe('f1 1 1 1\nf1 2 2 2\nf2 3 1 3\nf2 4 2 4\nf2 5 3 5\n');
  });
  it('paragraph mode with RS=""', async () => {
    expect(await sh('printf \'\\na b\\nc\\n\\n\\nd e\\nf\\n\\n\' | awk \'BEGIN{RS=""}{print NR": "$1"|"$NF"|"NF}\''))
      .toBe('1: a|c|3\n2: d|f|3\n');
  });
  it('single-character and regexp RS', async () => {
    expect(await sh('printf \'x;y;z\' | awk -v RS=\';\' \'{print NR":"$0}\'; printf \'a1b22c\' | awk \'BEGIN { RS = "[0-9]+" } { print NR ":" $0 }\''))
      .toBe('1:x\n2:y\n3:z\n1:a\n2:b\n3:c\n');
  });
  it('END sees the last record and NR', async () => {
    expect(await sh('printf \'a\\nb\\n\' | awk \'END { print $0, NR }\''))
      .toBe('b 2\n');
  });
});

describe('awk patterns', () => {
  it('BEGIN/END with a sum and an average', async () => {
    expect(await sh('printf \'10\\n20\\n33\\n\' | awk \'{s+=$1} END {print s, NR; printf "%.2f\\n", s/NR}\''))
      .toBe('63 3\n21.00\n');
  });
  it('range patterns', async () => {
    expect(await sh('printf \'1\\n2\\n3\\n4\\n5\\n6\\n\' | awk \'/2/,/4/\'; printf \'1\\n2\\n3\\n4\\n\' | awk \'NR==1, NR==2 { print "r" NR } NR == 3\''))
      .toBe('2\n3\n4\nr1\nr2\n3\n');
  });
  it('regexp patterns, negation and &&', async () => {
    expect(await sh('printf \'ab\\na\\nb\\nc\\n\' | awk \'/a/ && /b/ { print "both", $0 } !/a/ { print "no-a", $0 }\''))
      .toBe('both ab\nno-a b\nno-a c\n');
  });
  it('dynamic regexps with ~ and !~', async () => {
    expect(await sh('printf \'x\\ny\\n\' | awk -v re=\'^y\' \'$0 ~ re {print "match", $0} $0 !~ re {print "no", $0}\''))
      .toBe('no x\nmatch y\n');
  });
  it('expression patterns print the record', async () => {
    expect(await sh('printf \'1\\n2\\n3\\n\' | awk \'NR % 2\'; printf \'a 1\\nb 2\\n\' | awk \'$2 > 1\''))
      .toBe('1\n3\nb 2\n');
  });
});

describe('awk control flow', () => {
  it('next skips the remaining rules', async () => {
    expect(await sh('printf \'foo\\nbar\\nbaz\\n\' | awk \'/^ba/ {print "B:" $0; next} {print "other:" $0}\''))
      .toBe('other:foo\nB:bar\nB:baz\n');
  });
  it('exit code, and END still runs', async () => {
    expect(await sh('printf \'1\\n2\\n3\\n\' | awk \'$1 == 2 {exit 3} {print} END {print "end"}\'; echo "rc=$?"; awk \'BEGIN { exit 4 } END { print "end ran" }\'; echo rc=$?'))
      .toBe('1\nend\nrc=3\nend ran\nrc=4\n');
  });
  it('while, do-while, for, break and continue', async () => {
    expect(await sh('awk \'BEGIN { i = 0; do { i++ } while (i < 5); print i; while (i > 0) { i--; if (i == 2) break }; print i; for (;;) { if (++i > 3) break; continue }; print i; for (j = 0; j < 3; j++) s = s j; print s }\''))
      .toBe('5\n2\n4\n012\n');
  });
  it('if/else across lines, comments', async () => {
    expect(await sh('awk \'\n# comment\nBEGIN {\n  x = 1\n  if (x)\n    print "yes"\n  else\n    print "no"\n  for (i = 0; i < 2; i++)\n    print i   # trailing\n}\''))
      .toBe('yes\n0\n1\n');
  });
  it('an endless loop stays killable', async () => {
    expect(await sh('awk \'BEGIN{while(1);}\' & pid=$!; sleep 0.1; kill $pid; wait $pid 2>/dev/null; echo rc=$?'))
      .toBe('rc=143\n');
  });
  it('output redirection takes a whole expression', async () => {
    expect(await sh('awk \'BEGIN { print 1 > 2 ? "a" : "b" }\'; cat a'))
      .toBe('1\n');
  });
});

describe('awk arrays', () => {
  it('for-in over an associative array', async () => {
    expect(await sh('printf \'b 1\\na 2\\nb 3\\n\' | awk \'{c[$1]+=$2} END {for (k in c) print k, c[k]}\' | sort'))
      .toBe('a 2\nb 4\n');
  });
  it('word frequency', async () => {
    expect(await sh('printf \'the cat the dog\\nthe end\\n\' | awk \'{for(i=1;i<=NF;i++) w[$i]++} END{for(k in w) print w[k], k}\' | sort -k2'))
      .toBe('1 cat\n1 dog\n1 end\n3 the\n');
  });
  it('delete, in, length(arr), SUBSEP', async () => {
    expect(await sh('awk \'BEGIN { x["a"]=1; delete x["a"]; print length(x); x[1]; x[2]; print length(x), (1 in x), ("z" in x); delete x; print length(x); a["x",1] = 5; if (("x",1) in a) print "in"; for (k in a) { split(k, p, SUBSEP); print p[1], p[2] } }\''))
      .toBe('0\n2 1 0\n0\nin\nx 1\n');
  });
});

describe('awk string functions', () => {
  it('gsub, sub, & and \\&, match with RSTART/RLENGTH', async () => {
    expect(await sh('echo "hello world" | awk \'{n=gsub(/o/,"0"); print n, $0; sub(/w/,"[&]"); print; print match($0,/l+/), RSTART, RLENGTH; s = "aaa"; print gsub(/a/, "\\\\&", s), s; print match("abc", /z/), RSTART, RLENGTH}\''))
      .toBe('2 hell0 w0rld\nhell0 [w]0rld\n3 3 2\n3 &&&\n0 0 -1\n');
  });
  it('strings are bytes, as busybox counts them', async () => {
    expect(await sh('echo "héllo" | awk \'{print length($0), toupper($0), substr($0,2,2)}\''))
      .toBe('6 HéLLO é\n');
  });
  it('split with FS, a string and a regexp', async () => {
    expect(await sh('awk \'BEGIN { n = split("  a  b  ", x); print n, "[" x[1] "]"; n=split("a:b:c",arr,":"); print n, arr[1], arr[3]; n = split("a1b22c", y, /[0-9]+/); print n, y[1], y[2], y[3] }\''))
      .toBe('2 [a]\n3 a c\n3 a b c\n');
  });
  it('substr, index, length, toupper, tolower', async () => {
    expect(await sh('awk \'BEGIN { print substr("hello",2,3), substr("hello", 0), substr("hello", -1, 3), substr("hello", 10) "|"; print index("hello","ll"), index("abc", ""), length("hello"), length(12345); print toupper("abc"), tolower("ABC d") }\'; echo "abc" | awk \'{ print length, length() }\''))
      .toBe('ell hello hel |\n3 0 5 5\nABC abc d\n3 3\n');
  });
  it('concatenation and string/number duality', async () => {
    expect(await sh('awk \'BEGIN { print 1 " " 2, 2 3 * 4, length("x" 1 2); x = 3; print x " items", x+1 " items"; y = "3x"; print y + 0, +"0x1A", " 12 " + 0 }\''))
      .toBe('1 2 212 3\n3 items 4 items\n3 26 12\n');
  });
  it('regexp bracket expressions and classes', async () => {
    expect(await sh('awk \'BEGIN { print "x" ~ /[[:alpha:]]/, "1" ~ /[[:alpha:]]/, "a]" ~ /[]]/, "ab" ~ /^(a|b)+$/, "aa" ~ /a{2}/; s = "a.b.c"; gsub(/\\./, "/", s); print s }\''))
      .toBe('1 0 1 1 1\na/b/c\n');
  });
});

describe('awk numbers', () => {
  it('integer and OFMT output, arithmetic', async () => {
    expect(await sh('awk \'BEGIN { print 1e6, 1e20, 0.1+0.2, 100/3, -7 % 3, 7 - 3 - 2, 100000 * 100000, int(-3.7), int("4x") }\''))
      .toBe('1000000 1e+20 0.3 33.3333 -1 2 10000000000 -3 4\n');
  });
  it('CONVFMT and OFMT', async () => {
    expect(await sh('awk \'BEGIN { CONVFMT = "%.2f"; x = 3.14159; y = x ""; print y; OFMT = "%.3f"; print x, 17 }\''))
      .toBe('3.14\n3.142 17\n');
  });
  it('assignment operators and increments', async () => {
    expect(await sh('awk \'BEGIN { x = 5; x += 2; x -= 1; x *= 3; x /= 2; x %= 5; print x; a = 1 ; b = a++ + ++a; print a, b, a--, --a }\''))
      .toBe('4\n3 4 3 1\n');
  });
  it('exponentiation (^, **, ^=) binds right and above unary minus', async () => {
    expect(await sh('awk \'BEGIN { y = 2; y ^= 3; print y, -2^2, 2^3^2, 2**3, !0, !"", !"a" }\''))
      .toBe('8 -4 512 8 1 1 0\n');
  });
  it('uninitialised variables are 0 and ""', async () => {
    expect(await sh('awk \'BEGIN { print x+0, "[" x "]", length(x); if (x == 0 && x == "") print "both" }\''))
      .toBe('0 [] 0\nboth\n');
  });
  it('comparisons: numeric for numbers and numeric input, else strings', async () => {
    expect(await sh('echo "10 9" | awk \'{print ($1<$2), ("10"<"9"), (10<9); a = $1; print (a < 9), (a < "9")}\'; echo "a::b" | awk -F: \'{ print ($2 == 0), ($5 == 0), ($5 == "") }\''))
      .toBe('0 1 0\n0 1\n0 1 1\n');
  });
});

describe('awk printf', () => {
  it('conversions, flags, width and precision', async () => {
    expect(await sh('awk \'BEGIN { printf "%5s|%-5s|%05d|%x|%X|%o|%e|%g|%c|%c|%%\\n", "ab", "cd", 42, 255, 255, 8, 1234.5, 0.0001, 65, "hello"; printf "%d %i %5.2f %-3d| %+d % d %.3s|%10.4f|%G|%#o|%u\\n", 3.99, -2.5, 3.14159, 7, 5, 5, "abcdef", 3.14159265, 0.00001, 8, 42 }\''))
      .toBe('   ab|cd   |00042|ff|FF|10|1.234500e+03|0.0001|A|h|%\n3 -2  3.14 7  | +5  5 abc|    3.1416|1E-05|010|42\n');
  });
  it('ties round to even, as C does', async () => {
    expect(await sh('awk \'BEGIN { printf "%.0f %.0f %.0f %.1f %.2f %.1e %.0e %g\\n", 0.5, 1.5, -2.5, 0.25, 1.005, 2.25, 8.5, 2.5e-5 }\''))
      .toBe('0 2 -2 0.2 1.00 2.2e+00 8e+00 2.5e-05\n');
  });
  it('sprintf and missing arguments', async () => {
    expect(await sh('awk \'BEGIN { x = sprintf("%03d-%s", 7, "z"); print x, length(x); printf "%s|%s|%d\\n", "only" }\''))
      .toBe('007-z 5\nonly||0\n');
  });
  it('* takes width and precision from the arguments', async () => {
    expect(await sh('awk \'BEGIN { printf "%*d|%-*s|%.*f\\n", 5, 42, 4, "ab", 2, 3.14159 }\''))
      .toBe('   42|ab  |3.14\n');
  });
});

describe('awk user functions', () => {
  it('recursion', async () => {
    expect(await sh('awk \'function fact(n) { return n <= 1 ? 1 : n * fact(n-1) } function fib(n) { return n < 2 ? n : fib(n-1) + fib(n-2) } BEGIN { print fact(10), fib(15) }\''))
      .toBe('3628800 610\n');
  });
  it('arrays by reference, scalars by value, extra params as locals', async () => {
    expect(await sh('awk \'function f(arr, k) { arr[k] = k * 2 } function g(x,   loc) { loc = x + 1; x = 0; return loc } BEGIN { f(A, 3); f(A, 4); print A[3], A[4]; loc = "global"; v = 1; print g(v), loc, v }\''))
      .toBe('6 8\n2 global 1\n');
  });
});

describe('awk variables', () => {
  it('-v assignment and var=value operands between files', async () => {
    expect(await sh('printf \'a\\n\' > f; awk -v n=5 \'BEGIN{print n*2} {print v, $0}\' v=1 f v=2 f'))
      .toBe('10\n1 a\n2 a\n');
  });
  it('ENVIRON, ARGV and ARGC', async () => {
    expect(await sh('X=hello awk \'BEGIN { print ENVIRON["X"], ARGC, ARGV[0], ARGV[1] }\' y=1'))
      .toBe('hello 2 awk y=1\n');
  });
});

describe('awk input and output', () => {
  it('getline var < file and close', async () => {
    expect(await sh('printf \'one\\ntwo\\n\' > data; awk \'BEGIN { while ((getline line < "data") > 0) n++; print n, line; close("data"); getline line < "data"; print line; print (getline x < "/nonexistent") }\''))
      .toBe('2 two\none\n-1\n');
  });
  it('plain getline and getline var from the input', async () => {
    expect(await sh('printf \'l1\\nl2\\nl3\\n\' | awk \'NR==1{getline; print "after:", $0, NR} NR==3{print "three", $0}\'; printf \'l1\\nl2\\n\' | awk \'{getline x; print $0, x, NR}\''))
      .toBe('after: l2 2\nthree l3\nl1 l2 2\n');
  });
  it('print > and >> to files', async () => {
    expect(await sh('awk \'BEGIN { print "hi" > "out.txt"; print "there" > "out.txt"; close("out.txt"); print "more" >> "out.txt"; printf "%s\\n", "last" >> "out.txt" }\'; cat out.txt'))
      .toBe('hi\nthere\nmore\nlast\n');
  });
  it('print to /dev/stderr', async () => {
    expect(await sh('awk \'BEGIN { print "to err" > "/dev/stderr"; print "to out" }\''))
      .toBe('to out\n[stderr]to err\n');
  });
  it('pipes to and from commands, system()', async () => {
    expect(await sh('awk \'BEGIN { "echo hi" | getline v; print v; while ("printf \\"a\\\\nb\\\\n\\"" | getline l) n++; print n, l; print "b\\na" | "sort"; close("sort"); r = system("exit 3"); print "done", r }\''))
      .toBe('hi\n2 b\na\nb\ndone 3\n');
  });
});

describe('awk errors', () => {
  it('a syntax error', async () => {
    expect(await sh('awk \'BEGIN{x=1\''))
      .toBe('[stderr]awk: cmd. line:1: Unexpected token\n[exit 1]');
  });
  it('a missing input file', async () => {
    expect(await sh('echo x > f; awk \'{print}\' f nope'))
      .toBe('x\n[stderr]awk: nope: No such file or directory\n[exit 1]');
  });
  it('division by zero', async () => {
    expect(await sh('awk \'BEGIN{print 1/0}\''))
      .toBe('[stderr]awk: cmd. line:1: Division by zero\n[exit 1]');
  });
  it('a missing program file and no program at all', async () => {
    expect(await sh('awk -f /nonexistent; echo "rc=$?"; awk 2>&1 | sed -n 3p'))
      .toBe('rc=1\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n[stderr]awk: can\'t open \'/nonexistent\': No such file or directory\n');
  });
});
