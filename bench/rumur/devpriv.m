-- The devpriv reference model (shared/bench/devpriv.md) in Murphi, for rumur: pages and threads
-- as scalarsets, so that rumur's symmetry reduction counts orbits, as mc does on
-- specs/devpriv-sym.ts. test/symmetry/rumur.test.ts substitutes P and T and compares the counts.
-- A thread that holds no page has its holds entry undefined (no page value to rename).

const
  P: 2;
  T: 3;

type
  page: scalarset(P);
  thread: scalarset(T);
  count: 0 .. T;

var
  ref: array [page] of count;
  alloc: array [page] of boolean;
  frees: array [page] of count;
  holds: array [thread] of page;

function holders(p: page): count;
  var n: count;
begin
  n := 0;
  for t: thread do
    if !isundefined(holds[t]) then
      if holds[t] = p then n := n + 1; endif;
    endif;
  endfor;
  return n;
end;

startstate "Init"
begin
  for p: page do
    ref[p] := 0;
    alloc[p] := false;
    frees[p] := 0;
  endfor;
  for t: thread do
    undefine holds[t];
  endfor;
end;

ruleset t: thread; p: page do
  rule "Alloc"
    isundefined(holds[t]) & !alloc[p] & ref[p] = 0
  ==>
  begin
    ref[p] := 1;
    alloc[p] := true;
    frees[p] := 0;
    holds[t] := p;
  end;

  rule "GetUnlessZero"
    isundefined(holds[t]) & ref[p] > 0
  ==>
  begin
    ref[p] := ref[p] + 1;
    holds[t] := p;
  end;
end;

ruleset t: thread do
  rule "Put"
    !isundefined(holds[t])
  ==>
    var q: page;
  begin
    q := holds[t];
    ref[q] := ref[q] - 1;
    undefine holds[t];
    if ref[q] = 0 then
      alloc[q] := false;
      frees[q] := frees[q] + 1;
    endif;
  end;
end;

invariant "FreeOnce"
  forall p: page do frees[p] <= 1 endforall;

invariant "RefMatchesHolders"
  forall p: page do ref[p] = holders(p) endforall;

invariant "AllocIffRef"
  forall p: page do alloc[p] = (ref[p] > 0) endforall;
