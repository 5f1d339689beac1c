# shellcheck shell=bash
# The platform CA (as mkcert makes one): a root made once per profile in <state dir>/tls; the
# certificate the router serves for `*.<RUNWAY_DOMAIN>` and `<RUNWAY_DOMAIN>`, signed by it; and an
# issuing CA under the root with which the router makes a certificate per service host (clients
# refuse a wildcard over one label such as *.localhost, the default domain).
#
#   ensure_platform_tls   makes what is missing, renews what expires within 30 days (or no longer
#                         fits the domain or the root); the router reloads renewed files by itself
#   tls_trust_hint        how to trust the root (curl, update-ca-certificates, browsers)
#   tls_rotate_keys       new keys for what the router holds (its certificate, the issuing CA)
#   tls_rotate_root       a new root key, cross-signed by the old one so that clients keep working
#
# Keys are EC P-256, PKCS#8, mode 0600. The root may only sign names under RUNWAY_DOMAIN (a
# critical nameConstraints extension), so trusting it trusts nothing else, even if its key leaks.

TLS_RENEW_SECONDS=$((30 * 86400))
TLS_CA_DAYS=3650
# what browsers accept for a leaf at most (398 days)
TLS_LEAF_DAYS=397
# the issuing CA the router holds: a year, renewed like the leaf
TLS_ISSUER_DAYS=397

tls_dir() { echo "$RUNWAY_HOME/tls"; }

# tls_valid <cert>: exists and does not expire within 30 days
tls_valid() {
  [[ -s $1 ]] && openssl x509 -in "$1" -noout -checkend "$TLS_RENEW_SECONDS" >/dev/null 2>&1
}

# tls_ca_fits <cert> [issuer]: the CA's name constraint is exactly RUNWAY_DOMAIN, and the root
# is not limited to signing end certificates (it signs the issuing CA).
tls_ca_fits() {
  local cert=$1 role=${2:-root}
  openssl x509 -in "$cert" -noout -ext nameConstraints 2>/dev/null | sed 's/^[[:space:]]*//' |
    grep -qxF "DNS:$RUNWAY_DOMAIN" || return 1
  [[ $role == issuer ]] || ! openssl x509 -in "$cert" -noout -ext basicConstraints 2>/dev/null | grep -q 'pathlen:0'
}

# The leaf fits: names the domain's wildcard and is signed by the current root.
tls_leaf_fits() {
  local dir=$1
  openssl x509 -in "$dir/platform.crt" -noout -ext subjectAltName 2>/dev/null | grep -qF "DNS:*.$RUNWAY_DOMAIN," &&
    openssl verify -CAfile "$dir/ca.crt" "$dir/platform.crt" >/dev/null 2>&1
}

# tls_new_ca <dir> [subject]: a new root, named as given (a rotation keeps the old root's name)
tls_new_ca() {
  local dir=$1 tmp=$1/.new subject=${2:-"/O=Runway/OU=$RUNWAY_PLATFORM_ID@$(hostname)/CN=Runway platform CA"}
  rm -rf "$tmp" && mkdir -p "$tmp"
  ( umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
      -keyout "$tmp/ca.key" -out "$tmp/ca.crt" -days "$TLS_CA_DAYS" \
      -subj "$subject" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:1" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -addext "nameConstraints=critical,permitted;DNS:$RUNWAY_DOMAIN" ) >> "$dir/openssl.log" 2>&1 ||
    { tail -n 5 "$dir/openssl.log" >&2; die "openssl could not make the platform CA (log: $dir/openssl.log)"; }
  chmod 644 "$tmp/ca.crt"
  mv -f "$tmp/ca.key" "$dir/ca.key"
  mv -f "$tmp/ca.crt" "$dir/ca.crt"
  rmdir "$tmp"
}

tls_new_leaf() {
  local dir=$1 tmp=$1/.new
  rm -rf "$tmp" && mkdir -p "$tmp"
  printf '%s\n' "subjectAltName=DNS:*.$RUNWAY_DOMAIN,DNS:$RUNWAY_DOMAIN" "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" \
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" > "$tmp/ext"
  ( umask 077
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -keyout "$tmp/platform.key" -out "$tmp/platform.csr" -subj "/O=Runway/CN=*.$RUNWAY_DOMAIN" &&
    openssl x509 -req -in "$tmp/platform.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -sha256 \
      -set_serial "0x$(openssl rand -hex 16)" -days "$TLS_LEAF_DAYS" -extfile "$tmp/ext" \
      -out "$tmp/platform.crt" ) >> "$dir/openssl.log" 2>&1 ||
    { tail -n 5 "$dir/openssl.log" >&2; die "openssl could not make the platform certificate (log: $dir/openssl.log)"; }
  chmod 644 "$tmp/platform.crt"
  tls_append_cross "$dir" "$tmp/platform.crt"
  # key first, then the certificate: the router reads the pair once both changed
  mv -f "$tmp/platform.key" "$dir/platform.key"
  mv -f "$tmp/platform.crt" "$dir/platform.crt"
  rm -rf "$tmp"
}

tls_new_issuer() {
  local dir=$1 tmp=$1/.new
  rm -rf "$tmp" && mkdir -p "$tmp"
  printf '%s\n' "basicConstraints=critical,CA:TRUE,pathlen:0" "keyUsage=critical,keyCertSign,cRLSign" \
    "nameConstraints=critical,permitted;DNS:$RUNWAY_DOMAIN" \
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" > "$tmp/ext"
  ( umask 077
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -keyout "$tmp/issuer.key" -out "$tmp/issuer.csr" -subj "/O=Runway/CN=Runway issuing CA for $RUNWAY_DOMAIN" &&
    openssl x509 -req -in "$tmp/issuer.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -sha256 \
      -set_serial "0x$(openssl rand -hex 16)" -days "$TLS_ISSUER_DAYS" -extfile "$tmp/ext" \
      -out "$tmp/issuer.crt" ) >> "$dir/openssl.log" 2>&1 ||
    { tail -n 5 "$dir/openssl.log" >&2; die "openssl could not make the issuing CA (log: $dir/openssl.log)"; }
  chmod 644 "$tmp/issuer.crt"
  tls_append_cross "$dir" "$tmp/issuer.crt"
  mv -f "$tmp/issuer.key" "$dir/issuer.key"
  mv -f "$tmp/issuer.crt" "$dir/issuer.crt"
  rm -rf "$tmp"
}

# tls_append_cross <dir> <cert file>: after a root rotation, the new root as the old one signed it
# (ca-cross.crt) goes after each certificate the router serves, while that copy is valid: a client
# that trusts only the old root builds its path through it.
tls_append_cross() {
  if [[ -s $1/ca-cross.crt ]] && openssl x509 -in "$1/ca-cross.crt" -noout -checkend 0 >/dev/null 2>&1; then
    cat "$1/ca-cross.crt" >> "$2"
  fi
}

# tls_rotate_keys: a new key and certificate for *.<domain> and a new issuing CA, under the same
# root. The router reads both files again within its reload period (10 s) and clients, trusting
# the root, notice nothing; certificates it issued with the old issuing CA are made anew as they
# are due, and stay valid meanwhile.
tls_rotate_keys() {
  local dir
  dir=$(tls_dir)
  [[ -s $dir/ca.key ]] || die "no platform CA in $dir yet: ./runway up makes one"
  tls_new_leaf "$dir"
  tls_new_issuer "$dir"
  echo "new key and certificate for *.$RUNWAY_DOMAIN and a new issuing CA, under the same root; the router loads them within 10 s"
}

# tls_rotate_root: a new root key and certificate under the same name (RFC 4210's root key update).
# The old root signs the new root's certificate (ca-cross.crt, valid as long as the old root), which
# the router sends after its certificates: clients that trust the new root (ca.crt) and clients that
# still trust only the old one (ca-previous.crt) both verify, so nothing breaks while they move.
# The old root's key is deleted; the certificates below are made anew under the new root.
tls_rotate_root() {
  local dir old end days
  dir=$(tls_dir)
  [[ -s $dir/ca.key ]] || die "no platform CA in $dir yet: ./runway up makes one"
  old=$dir/.old
  rm -rf "$old" && mkdir -p "$old" && chmod 700 "$old"
  cp -p "$dir/ca.crt" "$dir/ca.key" "$old/"
  # the same name: the old root's signature on the new one is then self-issued, which no path
  # length counts (RFC 5280 6.1.4), so the old root's pathlen:1 still admits the issuing CA below
  tls_new_ca "$dir" "$(openssl x509 -in "$old/ca.crt" -noout -subject -nameopt compat | sed 's/^subject=//')"
  end=$(date -d "$(openssl x509 -in "$old/ca.crt" -noout -enddate | cut -d= -f2)" +%s)
  days=$(( (end - $(date +%s)) / 86400 ))
  if (( days >= 1 )); then
    printf '%s\n' "basicConstraints=critical,CA:TRUE,pathlen:1" "keyUsage=critical,keyCertSign,cRLSign" \
      "nameConstraints=critical,permitted;DNS:$RUNWAY_DOMAIN" \
      "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" > "$old/ext"
    ( openssl x509 -x509toreq -in "$dir/ca.crt" -signkey "$dir/ca.key" -out "$old/ca.csr" &&
      openssl x509 -req -in "$old/ca.csr" -CA "$old/ca.crt" -CAkey "$old/ca.key" -sha256 \
        -set_serial "0x$(openssl rand -hex 16)" -days "$days" -extfile "$old/ext" -out "$old/ca-cross.crt"
    ) >> "$dir/openssl.log" 2>&1 ||
      { rm -rf "$old"; die "openssl could not cross-sign the new root (log: $dir/openssl.log)"; }
    chmod 644 "$old/ca-cross.crt" "$old/ca.crt"
    mv -f "$old/ca.crt" "$dir/ca-previous.crt"
    mv -f "$old/ca-cross.crt" "$dir/ca-cross.crt"
  fi
  rm -rf "$old"
  tls_new_leaf "$dir"
  tls_new_issuer "$dir"
  echo "new platform root $dir/ca.crt (the old key is deleted); the router loads the certificates under it within 10 s"
  echo "clients that trust the previous root ($dir/ca-previous.crt) keep working through its cross-signature"
  echo "until $(openssl x509 -in "$dir/ca-previous.crt" -noout -enddate 2>/dev/null | cut -d= -f2): trust the new one"
}

ensure_platform_tls() {
  local dir made=''
  dir=$(tls_dir)
  mkdir -p "$dir"
  chmod 755 "$dir"
  command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)"
  if [[ ! -s $dir/ca.key ]] || ! tls_valid "$dir/ca.crt" || ! tls_ca_fits "$dir/ca.crt"; then
    [[ -s $dir/ca.crt ]] && made='a new root (the old one expires within 30 days or was for another domain: trust the new one) and '
    [[ -z $made ]] && made='a root and '
    tls_new_ca "$dir"
    rm -f "$dir/platform.crt" "$dir/issuer.crt" "$dir/ca-cross.crt"
  fi
  chmod 600 "$dir/ca.key"
  if ! tls_valid "$dir/platform.crt" || [[ ! -s $dir/platform.key ]] || ! tls_leaf_fits "$dir"; then
    tls_new_leaf "$dir"
    made+="a certificate for *.$RUNWAY_DOMAIN"
  fi
  chmod 600 "$dir/platform.key"
  if ! tls_valid "$dir/issuer.crt" || [[ ! -s $dir/issuer.key ]] || ! tls_ca_fits "$dir/issuer.crt" issuer ||
     ! openssl verify -CAfile "$dir/ca.crt" "$dir/issuer.crt" >/dev/null 2>&1; then
    tls_new_issuer "$dir"
    made+="${made:+, }the issuing CA"
  fi
  chmod 600 "$dir/issuer.key"
  local until
  until=$(openssl x509 -in "$dir/platform.crt" -noout -enddate | cut -d= -f2)
  if [[ -n $made ]]; then
    step_done "made $made (until $until)"
  else
    step_done "*.$RUNWAY_DOMAIN valid until $until"
  fi
}

# How to trust the root, for the summary of `up`.
tls_trust_hint() {
  local ca
  ca=$(tls_dir)/ca.crt
  echo "  HTTPS            root certificate $ca (its key never leaves $(tls_dir); it signs only *.$RUNWAY_DOMAIN)"
  echo "                   curl --cacert $ca https://<ServiceUrl host>:$RUNWAY_ROUTER_TLS_PORT/"
  echo "                   system: cp $ca /usr/local/share/ca-certificates/runway-$RUNWAY_PLATFORM_ID.crt && update-ca-certificates"
  echo "                   browsers: import it as an authority (Chromium/Firefox: Settings > Certificates > Authorities)"
}
