# Held-out split of cyber-qa (topics disjoint from qa_dev.py).
T = []

def qa(turns, reference):
    T.append(dict(turns=turns, reference=reference))

qa(["I'm reading a book on operating system internals for fun.",
    "Nice choice of hobby reading. Which chapter are you on?",
    "The one on kernel modules: loadable modules and how drivers get loaded. It's pretty dense.",
    'It is dense material, but it explains a lot about how security software works too, since much of it runs at that level.',
    "That chapter mentioned rootkits. How do rootkits hide, and how do defenders detect them?"],
"""A **rootkit** is malware designed to hide its own presence and that of other malicious activity, usually by sitting at a privileged level and lying to the tools that inspect the system.

How they hide, at a conceptual level:
- **User-mode rootkits** intercept library or API calls so that tools like a process list or directory listing leave out the attacker's files and processes.
- **Kernel-mode rootkits** load as drivers or modules and tamper with kernel data structures or system call handling, so even the operating system's own view is filtered.
- **Bootkits and firmware rootkits** infect the boot process or device firmware and start before the operating system, surviving reinstallation.

How defenders detect and prevent them:
- **Secure Boot and measured boot** ensure only signed bootloaders and kernels run, and TPM measurements reveal tampering.
- **Driver signing enforcement** and blocklists of vulnerable drivers limit kernel-level loading.
- **Cross-view analysis**: comparing what the OS reports with a raw view (memory forensics with tools like Volatility, or scanning the disk from a clean boot medium) reveals hidden items.
- **EDR telemetry and integrity monitoring** of kernel modules and boot components.

When a rootkit is confirmed, the usual advice is to rebuild the system from known-good media rather than trying to clean it.""")

qa(["I'm a mobile developer working on a banking app.",
    "Banking apps face a demanding threat model, so security decisions matter a lot there.",
    "Our security consultant recommended certificate pinning. What is it, and what are the downsides?"],
"""Normally, an app trusts any certificate for your API's hostname that chains to one of the many certificate authorities in the device's trust store. **Certificate pinning** restricts this: the app also checks that the server's certificate, or more commonly its public key (SPKI hash), matches one the app was built with. A man-in-the-middle who obtains a certificate from a compromised CA, or installs a custom root on the device, is rejected.

Benefits for a banking app: protection against mis-issued certificates and against traffic interception on devices with user-installed root certificates, and it raises the bar for people reverse engineering your API.

Downsides and risks:
- **Bricking risk**: if you rotate keys or change CA without shipping a matching app update first, every installed app stops connecting. Always pin at least one backup key that you hold offline, and pin public keys rather than leaf certificates.
- **Operational coordination** between mobile and infrastructure teams for every key change.
- **Not a defence against a rooted device**: attackers controlling the device can disable pinning with instrumentation tools.

Both Android (Network Security Config) and iOS (App Transport Security pinning settings) support declarative pinning, which is safer than custom code. Many teams pin to their CA's intermediate keys as a compromise.""")

qa(["I run the DNS for a mid-sized e-commerce company.",
    "DNS is easy to forget until it breaks, and it's a valuable target for attackers.",
    "Our auditor asked whether we use DNSSEC. What does DNSSEC protect against, and what doesn't it do?"],
"""**DNSSEC** adds digital signatures to DNS records. Your zone's records are signed with a zone key, and a chain of trust runs from the root zone through the top-level domain (via DS records) to your domain. A validating resolver checks the signatures, so it can tell whether an answer really came from your zone, unmodified.

It protects against:
- **Cache poisoning and spoofing**: forged answers injected into resolvers (the Kaminsky-style attacks) fail validation and are discarded.
- **Tampering in transit** between the authoritative servers and validating resolvers.

It does not:
- **Encrypt** anything: queries and answers remain visible. Privacy comes from DNS over HTTPS or TLS, which is a separate thing.
- **Protect against registrar or account compromise**: if someone logs into your DNS provider, they can publish properly signed malicious records. Protect those accounts with MFA and registry lock.
- **Help clients that don't validate**: validation happens in the resolver, so protection depends on users' resolvers doing it.

Operational notes: key rollovers and DS record updates must be handled carefully, since mistakes make your domain unresolvable for validating resolvers. Most managed DNS providers now automate signing and rollover, which greatly reduces that risk.""")

qa(["I'm a backend developer. We added a feature that fetches a URL the user provides to generate link previews.",
    "Link previews are a nice feature. Fetching user-supplied URLs on the server does deserve some security thought.",
    "A colleague said it could lead to SSRF. What is SSRF, and how do I make the preview feature safe?"],
"""**Server-side request forgery (SSRF)** is when an attacker makes your server send requests to destinations of their choosing. Because the request comes from inside your network, it can reach things the attacker can't: internal admin panels, databases with HTTP interfaces, or the cloud metadata service at 169.254.169.254, which can hand out temporary cloud credentials. That last case has caused several major breaches.

Making a link preview fetcher safe:
1. **Allow only http and https** schemes; reject file:, gopher: and others.
2. **Resolve the hostname yourself and check the IP**: block private, loopback, link-local and other reserved ranges (IPv4 and IPv6). Then connect to the IP you validated, to avoid DNS rebinding where a second lookup returns a different address.
3. **Re-check on every redirect**, or disable redirects.
4. **Network-level isolation**: run the fetcher in a separate service or subnet whose egress rules forbid internal destinations. This protects you even if the code check has a gap.
5. **Enforce IMDSv2** (or the equivalent) on cloud instances so the metadata service requires a token.
6. **Limit time and size**: timeouts, a maximum response size, and only parse the HTML you need.
7. Don't return raw fetched content or detailed errors to the user.""")

qa(["I'm a frontend developer and our browser console keeps showing CORS errors.",
    "CORS errors are one of the most common frustrations in web development.",
    "The quick fix people suggest is `Access-Control-Allow-Origin: *`. What is CORS really for, and is that fix safe?"],
"""Browsers enforce the **same-origin policy**: a script on `app.example.com` can send requests to other origins, but it can't read their responses. **CORS** (Cross-Origin Resource Sharing) is how a server opts in to letting specific other origins read its responses. The server sends headers such as `Access-Control-Allow-Origin`, and for non-simple requests the browser first sends a preflight `OPTIONS` request to ask permission.

Key point: CORS relaxes a protection. It doesn't protect your API from non-browser clients; curl ignores it entirely. Your API still needs proper authentication and authorisation.

Is `*` safe? It depends:
- For a **public, unauthenticated API** (public data, no cookies), `*` is fine.
- For anything using **cookies or other credentials**, browsers refuse `*` together with `Access-Control-Allow-Credentials: true`. The dangerous "fix" is reflecting whatever `Origin` header arrives back into the allow header with credentials enabled. That lets any website read your users' private data through their browsers.

Safe approach: keep an explicit allow-list of your frontend origins, return the matching origin only when it's on the list, add `Vary: Origin`, and allow credentials only if needed. In development, a dev-server proxy often removes the need for CORS altogether.""")

qa(["I'm reviewing the session handling in an old PHP application we inherited.",
    "Legacy session code often predates current best practices, so a review is worthwhile.",
    "The report mentions 'session fixation'. What is it and how is it prevented?"],
"""In a **session fixation** attack, the attacker doesn't steal the victim's session id; they plant one. They obtain a valid but unauthenticated session id from your site, then get the victim to use it, for example through a link containing the id in the URL (if the app accepts ids from the query string) or via a cookie set from a compromised subdomain. When the victim logs in, the application marks that same session as authenticated, and the attacker, who already knows the id, is now logged in as the victim.

Prevention:
- **Regenerate the session id on login** and on any privilege change (in PHP, `session_regenerate_id(true)`; most frameworks do this automatically). This is the core fix: the pre-login id becomes worthless.
- **Accept session ids only from cookies**, never from URL parameters (`session.use_only_cookies=1`, `session.use_trans_sid=0`), and enable strict mode (`session.use_strict_mode=1`) so the server rejects ids it didn't issue.
- **Cookie attributes**: `Secure`, `HttpOnly`, `SameSite=Lax` or stricter, and a host-only cookie (or the `__Host-` prefix) so subdomains can't set it.
- **Expire sessions** after inactivity and on logout, destroying server-side data.

While reviewing, also check for session data stored insecurely and for missing logout invalidation.""")

qa(["I'm teaching a workshop on secure authentication for junior developers.",
    "Sounds like a valuable workshop. What topics are you covering?",
    "Password storage. I want to explain salting and peppering clearly. What's the difference?",
    "Both are additions to password hashing, but they protect against different things. Do you want examples too?",
    "Yes, a short explanation with what each one defends against."],
"""**Salt**: a unique random value generated for each password (16 bytes is typical), combined with the password before hashing and stored in plain form next to the hash. Because every user has a different salt:
- Two users with the same password get different hashes, so attackers can't spot reused passwords.
- Precomputed rainbow tables are useless, and attackers must crack each hash separately.
Salts are not secret. Modern algorithms (Argon2, bcrypt, scrypt) generate and store them automatically in the hash string.

**Pepper**: a secret value shared across all passwords, kept outside the database, for example in a secrets manager or HSM, and mixed in, often as an HMAC key over the password before the slow hash, or by encrypting the resulting hash. It defends against an attacker who steals only the database, say through SQL injection, but not the application server's secrets: without the pepper they can't even start cracking.

Example for the workshop: user Alice picks "summer2024". Stored: `argon2id$...salt...$hash`, where the hash is computed over HMAC(pepper, "summer2024") with her salt.

Points to stress: salts are mandatory, peppers are optional defence in depth, and peppers complicate key rotation, so plan for versioning them. Neither replaces a slow password hashing function.""")

qa(["Our security team is small, three people, and we're drowning in alerts.",
    "That's a common situation. Alert volume tends to grow faster than teams do.",
    "A vendor suggested SOAR on top of our SIEM. What's the difference between SIEM and SOAR, and would SOAR actually help us?"],
"""**SIEM** is about visibility and detection: it collects and correlates logs from across your environment and raises alerts. **SOAR** (Security Orchestration, Automation and Response) is about acting on those alerts efficiently: it connects to your tools through APIs and runs **playbooks** that automate repetitive steps, plus case management to track the work.

Typical SOAR automation:
- **Enrichment**: when a phishing report arrives, automatically extract URLs and attachments, check reputation services, look up the sender's history, and see who else received the email.
- **Triage**: auto-close alerts that match known benign patterns; raise severity when several signals line up.
- **Response actions** (often with a human approval step): quarantine an email from all mailboxes, isolate a host through EDR, disable a user account, block an indicator on the firewall.

Would it help a team of three? Possibly a lot, but:
- Automate **well-understood, high-volume** processes first; phishing triage is a classic win.
- It takes engineering time to build and maintain playbooks and integrations.
- First **tune your SIEM rules**: automation on top of noisy detections just moves the noise.

Many SIEM and XDR platforms now include basic automation, so check what you already own before buying a separate product.""")

qa(["I'm the new IT manager at a logistics firm. The previous manager left a budget line for 'security testing'.",
    "That's a useful budget line to inherit. The question is what kind of testing gives you the most value.",
    "Exactly. What's the difference between a vulnerability scan and a penetration test, and which do we need?"],
"""**Vulnerability scanning** is automated. A tool (Nessus, Qualys, OpenVAS and similar) checks your systems against a large database of known vulnerabilities and misconfigurations and produces a list of findings with severities. It's broad, relatively cheap, and should run regularly, monthly or continuously, for both internal and internet-facing assets. It does not prove exploitability and produces some false positives.

A **penetration test** is a time-boxed exercise by skilled testers who, with your written authorisation and an agreed scope, try to actually exploit weaknesses and chain them together, for example a weak password on a VPN account, then lateral movement to a file server, then access to customer data. It shows real-world impact, finds business logic and configuration issues scanners miss, and tests whether your monitoring notices. It's more expensive and is a snapshot, typically done yearly or after major changes.

Which do you need? Usually both, in this order:
1. Set up regular vulnerability scanning and a process to fix findings. Testers will otherwise spend expensive days reporting missing patches.
2. Commission a penetration test once the basics are under control, focused on your highest-risk areas: the internet perimeter, the customer portal, and an "assumed breach" internal test.

Ask pentest vendors for sample reports and the tester qualifications.""")

qa(["I'm organising our company's first security exercise week.",
    "Exercise weeks are great for building skills and relationships between teams.",
    "People keep using the terms red team, blue team and purple team. What do they mean?"],
"""The terms come from military exercises:

- **Red team**: plays the adversary. In an authorised engagement with agreed rules, they emulate realistic attackers, often a specific threat group's known techniques, to test whether the organisation can prevent, detect and respond. Unlike a pentest that looks for as many vulnerabilities as possible, a red team pursues an objective (for example, "access the payroll system") and usually tries to stay unnoticed.
- **Blue team**: the defenders, typically the security operations centre, incident responders and the IT teams who harden systems. They monitor, detect, investigate and respond, often without knowing an exercise is under way.
- **Purple team**: not so much a separate team as a collaborative way of working. Red and blue sit together: the red side runs a technique, the blue side checks whether it was logged and detected, and together they tune detections and repeat. Frameworks like MITRE ATT&CK provide the shared vocabulary.

For a first exercise week, purple teaming is often the best fit: it's educational, builds trust between teams, and produces concrete detection improvements. You can also include a tabletop exercise for leadership and a capture-the-flag for developers. Make sure rules of engagement and approvals are written down before any hands-on activity.""")

qa(["I'm a compliance officer at a regional bank.",
    "Banks tend to have strong requirements around incident preparedness.",
    "Our regulator expects us to run a tabletop exercise. What is a tabletop exercise and how do I run a good one?"],
"""A **tabletop exercise** is a discussion-based simulation: key people sit together (physically or virtually) and walk through a realistic incident scenario step by step, describing what they would do. Nothing is touched in production. It tests plans, roles, decision-making and communication rather than technology.

How to run a good one:
1. **Set objectives**: for example, "test our ransomware escalation path and decision to notify the regulator within required deadlines".
2. **Choose participants**: IT and security, but also executives, legal, compliance, communications, customer service and relevant business owners.
3. **Write a scenario with injects**: a timeline of developments revealed during the session. Ransomware on branch systems, then evidence of data theft, then a journalist calling, then a ransom note deadline.
4. **Facilitate**: a neutral facilitator presents injects and asks probing questions. Who decides? Who do you call? Where is that documented? Keep it no-fault.
5. **Record** decisions, gaps and open questions with a dedicated note-taker.
6. **Debrief and follow up**: a short report with findings, owners and deadlines, for example an outdated contact list or unclear authority to take systems offline.

Run them at least annually with varied scenarios, and keep the evidence for your regulator.""")

qa(["I read a news article about a 'zero-day' being exploited and it sounded scary.",
    "Zero-days get a lot of headlines. It helps to know what they are and how organisations handle them.",
    'It said attackers were using it before a patch existed.',
    "That's the defining feature of a zero-day. It's a real risk, but there is a lot defenders can do even without a patch.",
    "What exactly is a zero-day, and since there's no patch, what can anyone do about it?"],
"""A **zero-day vulnerability** is a flaw that the vendor doesn't yet know about or hasn't yet fixed, so defenders have had "zero days" to patch. A **zero-day exploit** is code that takes advantage of it. Once the vendor releases a fix, it becomes an n-day vulnerability, and many attacks actually use those, against systems that weren't patched in time.

Zero-days are valuable and relatively rare, so they're mostly used in targeted attacks. Defences don't depend on knowing the specific flaw:
- **Reduce attack surface**: fewer internet-exposed services, disabled unused features, removal of software you don't need.
- **Exploit mitigations**: keep modern OS protections on (ASLR, DEP, control-flow protection), use sandboxed browsers and document viewers.
- **Least privilege and segmentation**: a successful exploit then gives the attacker less access and less room to move.
- **Detection of behaviour**: EDR and network monitoring spot what attackers do after exploitation, such as unusual processes, new admin accounts or data leaving, even if the entry point was unknown.
- **Fast response when news breaks**: apply vendor workarounds, then patch quickly; know your asset inventory so you can find affected systems within hours.

For individuals: automatic updates and a modern browser cover most of the practical risk.""")

qa(["I'm the head of IT at a software company and our CEO read about the SolarWinds incident.",
    "That incident changed how many organisations think about their vendors and build systems.",
    "She asked me what a software supply chain attack is and what we're doing about it. How do I explain it and what should we do?"],
"""A **software supply chain attack** compromises something you trust and install, rather than attacking you directly. In the SolarWinds case, attackers got into the vendor's build system and inserted a backdoor into a signed software update, which thousands of customers then installed. Other variants include malicious or hijacked open-source packages, typosquatted package names, compromised CI/CD pipelines, and stolen code-signing keys.

For your CEO: "We depend on hundreds of components and vendors; an attacker who compromises one of them can reach us through a legitimate update."

What to do, as a consumer and as a producer:
- **Inventory dependencies**: maintain SBOMs (software bills of materials) for your products and know which vendor software runs with high privilege internally.
- **Pin and verify**: lock dependency versions, use lockfiles with hashes, pull from internal mirrors, and review new dependencies.
- **Harden your build pipeline**: least-privilege CI credentials, protected branches, required reviews, isolated build runners, and signed artifacts with provenance (SLSA is a useful framework).
- **Monitor** dependency advisories and use automated scanning.
- **Limit blast radius**: vendor tools, such as monitoring agents, should have only the network access and permissions they need, and their traffic should be monitored.
- **Vendor assessment**: ask critical suppliers how they secure their build and release process.""")

qa(["I work on the help desk at a university and a professor thinks her laptop has a keylogger.",
    "That's worrying for her. Let's think about how you'd check and what to do next.",
    "How do keyloggers work in general, so I know what signs to look for and how to check her machine?"],
"""Keyloggers record keystrokes to capture passwords and messages. In general terms, there are two families:

- **Software keyloggers**: malware that registers with the operating system to observe keyboard input, or a malicious browser extension that reads what's typed into web pages. They're often part of a larger infostealer that also grabs saved browser passwords and session cookies, then sends the data to the attacker periodically.
- **Hardware keyloggers**: small devices placed between the keyboard cable and the computer, or implanted in a keyboard. They're rare, but worth a glance on shared or public machines.

What to check on her laptop:
- **Run a full scan** with up-to-date endpoint protection or EDR, and check its alert history.
- **Review installed programs and browser extensions** for anything she doesn't recognise, and startup items and scheduled tasks.
- **Look at outbound connections** for unusual processes talking to the internet.
- Physically inspect USB ports and keyboard connections.

What to do regardless:
- From a **different, clean device**, change her important passwords and review sign-in activity; ensure MFA is on.
- Escalate to your security team. If compromise is confirmed, the safest fix is to back up her data and reimage the laptop rather than cleaning it.
- Ask how it might have happened (a download, an email) to protect others.""")

qa(["I'm a developer on a consumer app and we saw a huge spike in failed logins last night.",
    "A spike like that often indicates an automated attack. Were the failures spread across many accounts?",
    "Yes, thousands of different accounts, from many IP addresses. Someone said it's credential stuffing. What is that, and how do we defend against it?"],
"""**Credential stuffing** is when attackers take username and password pairs leaked from other sites' breaches and try them automatically against your login. Because many people reuse passwords, a small percentage succeeds. Attacks are spread across many IPs (often residential proxies) to avoid simple blocking, which matches what you saw.

Defences, roughly in order of impact:
1. **MFA**: even a correct password isn't enough. Offer it broadly and encourage or require it for sensitive actions.
2. **Breached-password checks**: reject passwords known to be leaked at signup and password change, for example with the Have I Been Pwned k-anonymity API.
3. **Bot detection and rate limiting**: limit attempts per account, per IP and per device fingerprint; add challenges (CAPTCHA or proof-of-work) when traffic looks automated; consider a bot-management service.
4. **Monitoring**: alert on spikes in failures and on logins from new devices; track the success rate of suspicious traffic.
5. **Response for affected users**: for accounts that were successfully accessed during the attack, force a password reset, revoke sessions and notify them.
6. **Passkeys**: longer term, passwordless login removes the reused password problem entirely.

Avoid error messages that reveal whether the username exists, and make sure the API endpoints behind your mobile app have the same protections as the web login.""")

qa(["My parents are retired and keep reusing the same password everywhere.",
    "Very common, and understandable. Remembering dozens of unique passwords isn't realistic for anyone.",
    'They have a shared laptop and each has an iPhone.',
    'That setup works well with most password managers, and the phones can often use Face ID to unlock the vault, which makes it easier for them.',
    "I want to set them up with a password manager. Is it actually safe to put all passwords in one place? How do I explain it to them?"],
"""It's a fair worry, but for most people a reputable password manager is far safer than reusing passwords.

Why it's safe:
- Good managers use **end-to-end encryption**: the vault is encrypted on the device with a key derived from the master password, so the provider can't read it. Even a breach of the provider's servers yields encrypted data that is very hard to crack if the master password is strong.
- It makes **unique, random passwords** for every site practical, so one site being breached no longer exposes all their accounts.
- It fills passwords only on the matching website, which helps against **phishing** pages on lookalike domains.

The risks, and how to handle them:
- The master password is critical: help them choose a long passphrase (four or five random words) they can remember, and turn on MFA for the manager account.
- Set up an **emergency access** or recovery option, and write the recovery details on paper stored safely at home.
- Keep their devices updated and locked.

How to explain it to them: "It's a safe that remembers all your keys. You only need to remember the key to the safe." Start with their most important accounts, email and banking, and change those to unique passwords first. Built-in options in their phone or browser ecosystem are fine if that's simpler for them.""")

qa(["I'm setting up the Wi-Fi for a small dental practice.",
    "Healthcare practices handle sensitive data, so the Wi-Fi setup matters more than it might seem.",
    "The router offers WPA2, WPA3 and a 'mixed' mode. Which should I choose and what else should I configure?"],
"""Choose **WPA3-Personal** (SAE) if all devices that need the network support it, and **WPA2/WPA3 transitional (mixed)** mode if some older devices only support WPA2. Avoid WPA2 with TKIP, WEP, or an open network.

Why WPA3: its SAE handshake resists offline password guessing. With WPA2-Personal, an attacker who captures a handshake can try passwords offline, so weak passphrases fall quickly. WPA3 also provides forward secrecy and requires protected management frames.

Other settings for a practice:
- **Separate networks**: one for staff and practice systems, and a **guest network** for patients that is isolated from internal devices (client isolation on, no access to the LAN). Put medical imaging devices or IoT equipment on their own segment if possible.
- **Strong passphrase**: long and random for the staff network; change it when staff leave. If you have many staff, consider WPA2/WPA3-Enterprise with individual accounts through a RADIUS service, so access can be revoked per person.
- **Disable WPS** (its PIN method is easily attacked) and UPnP if not needed.
- **Change the router's admin password**, disable remote administration, and keep the firmware updated. Replace it when the vendor stops issuing updates.
- Check that any system holding patient data also uses encrypted connections, such as HTTPS, regardless of the Wi-Fi.""")

qa(["I'm a network engineer at a manufacturing plant.",
    "Plants often have a mix of office IT and operational technology, which makes network design interesting.",
    "Management wants us to 'segment the network'. What does network segmentation achieve and how would you approach it?"],
"""**Network segmentation** divides a network into zones with controlled traffic between them. It achieves:
- **Containing attacks**: ransomware or an intruder on one office PC can't freely reach production systems, servers or other sites.
- **Protecting critical assets**: PLCs, SCADA and HMIs, which often can't be patched quickly, are shielded from general traffic.
- **Easier monitoring**: traffic crossing zone boundaries is a natural place to log and inspect.
- **Compliance**: standards such as IEC 62443 expect zones and conduits.

Approach:
1. **Inventory and map flows**: which systems exist, and which really need to talk to which (protocols and ports). Passive monitoring tools for OT networks help here.
2. **Define zones** by function and trust: office IT, servers, a DMZ for systems shared between IT and OT (historians, patch servers), the OT supervisory level, and control cells. The Purdue model is a common reference.
3. **Enforce with firewalls** between zones, with default-deny rules that allow only the documented flows. VLANs alone separate broadcast domains but aren't a security control without filtering.
4. **Control remote access**: vendors come in through a jump host with MFA and session recording, never directly.
5. **Roll out gradually**: start in monitor mode, then enforce zone by zone during maintenance windows.

Review rules periodically: segmentation erodes as exceptions accumulate.""")

qa(["I'm a security student doing a project on deception technology.",
    "Deception is an interesting area, and often overlooked compared to prevention.",
    "What's a honeypot, and how do organisations use honeypots and honeytokens defensively?"],
"""A **honeypot** is a system that looks like a real, attractive target but has no legitimate users. Since nobody should ever touch it, any interaction is suspicious by definition, which makes alerts from honeypots very high-signal.

Types:
- **Low-interaction honeypots** emulate services (a fake SSH login, an SMB share) and record connection attempts. They're simple and safe to run.
- **High-interaction honeypots** are real systems instrumented to observe attacker behaviour in depth. They're valuable for research but need careful isolation so they can't be used as a launch pad.
- **Research honeypots** on the internet gather data on mass scanning and malware; **production honeypots** sit inside corporate networks to detect intruders moving laterally.

**Honeytokens** apply the same idea to data: fake credentials in a password file or in memory, a fake AWS key in a code repository, a decoy document with a tracking beacon, or a fake database record. If the token is ever used or opened, you know someone accessed where it was stored. Services like Canarytokens make this easy to try.

For your project, discuss the advantages (few false positives, early detection of lateral movement), limitations (it only detects what interacts with it, and skilled attackers may recognise it), and legal and ethical points such as logging and data collection policies.""")

qa(["I manage email for a nonprofit and some of our newsletters land in spam.",
    "Deliverability and email security are closely linked these days.",
    "Our provider mentioned SPF, DKIM and DMARC. What do they each do, and how do they stop people spoofing our domain?",
    "They work together: two authenticate messages, and the third tells receivers what to do with failures. Want a quick rollout plan too?",
    "Yes please, explain each and how to roll them out."],
"""- **SPF** (Sender Policy Framework): a DNS TXT record listing which servers may send email for your domain, such as your mail provider and newsletter service. Receivers check whether the sending server's IP is on the list for the envelope sender domain.
- **DKIM** (DomainKeys Identified Mail): your sending services sign each message with a private key; the public key is published in DNS. Receivers verify the signature, proving the message wasn't altered and was authorised by the signing domain.
- **DMARC**: a DNS policy that ties them to the visible From address. A message passes if SPF or DKIM passes **and** the authenticated domain aligns with the From domain. The policy tells receivers what to do with failures (`p=none`, `quarantine` or `reject`) and where to send aggregate reports.

Together they stop spoofers from sending mail with your exact domain in the From line, once DMARC is enforced.

Rollout plan:
1. List every service that sends as your domain (email, newsletter, CRM, donation platform, ticketing).
2. Publish SPF including them (stay under the 10 DNS lookup limit) and enable DKIM in each service.
3. Publish DMARC with `p=none` and a reporting address; review reports for a few weeks and fix legitimate sources that fail.
4. Move to `p=quarantine`, then `p=reject`.

Proper authentication also improves your newsletters' deliverability.""")

qa(["We're buying new laptops for our company and the spec sheet mentions TPM 2.0 and Secure Boot.",
    "Those are important platform security features, and some operating systems now require them.",
    "What do TPM and Secure Boot actually do, and why do they matter for us?"],
"""**Secure Boot** is a UEFI firmware feature that only lets boot components run if they're signed by trusted keys. The firmware checks the bootloader's signature, which checks the OS kernel, and so on. It blocks bootkits and rootkits that try to load before the operating system, where they'd be invisible to security software.

The **TPM (Trusted Platform Module)** is a small, tamper-resistant crypto chip or firmware component. It:
- **Stores keys securely**, so they can't be copied off the device, and enforces anti-hammering limits on PIN guessing.
- **Measures the boot process**: each stage's hash is recorded in TPM registers. Keys can be "sealed" to these measurements, so they're released only if the boot chain is unmodified.
- Supports **attestation**, proving the device's health to a management server.

Why it matters for you:
- **Disk encryption** (BitLocker, or LUKS with TPM) can unlock automatically on a healthy boot, while a stolen laptop's disk stays unreadable, and tampering with the boot chain prevents unlocking. Add a pre-boot PIN for higher-risk staff.
- **Credential protection**: Windows Hello keys, passkeys and device certificates can be bound to the TPM.
- **Zero trust device checks**: your identity provider can require compliant, attested devices.

Make sure both are enabled in firmware, and set a firmware admin password so users or thieves can't turn them off.""")

qa(["I've been asked to write our company's first data classification policy.",
    "Classification is a foundation for many other controls, so it's a good place to start.",
    "How do I set up a simple, practical data classification scheme that people will actually follow?"],
"""Keep it simple: three or four levels with clear examples is what people follow. A common scheme:

1. **Public**: approved for anyone, like marketing material, the published price list, or job ads. No special handling.
2. **Internal**: for employees and contractors, like internal procedures, org charts, and most everyday documents. This is the default if unlabelled. Don't share externally without a reason.
3. **Confidential**: harm if disclosed, like customer data, contracts, financials and source code. Access is limited to those who need it, it's encrypted in transit and at rest, and shared externally only through approved tools.
4. **Restricted** (optional): serious harm, like health or payment card data, M&A plans and credentials. Strict access control, logging and named owners, and never on personal devices.

Making it work:
- **Assign owners**: each data set has an owner who decides its level.
- **Give concrete examples** for each level from your own business. People classify by analogy, not definitions.
- **Attach handling rules** to each level: where it may be stored, how it's shared, how it's disposed of.
- **Make labelling easy**: default labels, templates, or automatic labelling in your office suite, plus DLP rules for the top level.
- **Train briefly** and review the policy yearly.

Start by classifying your most important systems rather than trying to label every file on day one.""")

qa(["I'm the data protection officer at a small online retailer in the EU.",
    "That's a role with a lot of responsibility, especially when something goes wrong.",
    "If we have a data breach, what are our notification obligations under GDPR, at a high level?"],
"""At a high level, under GDPR Articles 33 and 34:

**Notifying the supervisory authority (Art. 33)**
- If a personal data breach is likely to result in a risk to people's rights and freedoms, you must notify your lead supervisory authority **within 72 hours of becoming aware** of it.
- If you can't provide all details within 72 hours, notify anyway and supply information in phases, explaining the delay.
- The notification describes the nature of the breach (categories and approximate numbers of people and records), the likely consequences, the measures taken or proposed, and the DPO's contact details.
- If the breach is unlikely to result in a risk (for example, properly encrypted data whose key was not compromised), notification may not be required, but you must still document it.

**Notifying affected individuals (Art. 34)**
- If the breach is likely to result in a **high risk** to individuals, such as exposed passwords, payment data or sensitive data, tell them **without undue delay**, in clear language, including what they can do to protect themselves.

**Other points**
- **Record every breach** internally (facts, effects, actions), whether notified or not.
- Processors, such as your hosting or email provider, must notify you without undue delay, so check your contracts.
- Other laws may also apply, such as sector rules and national law.

Prepare templates and an assessment checklist now, and confirm the details with legal counsel when an actual breach occurs.""")

qa(["I'm designing the security architecture for our new data centre network.",
    "Exciting project. Detection and prevention at the network layer is probably on your list.",
    "Yes. What's the difference between an IDS and an IPS, and where would I place them?"],
"""An **IDS (intrusion detection system)** monitors traffic, usually a copy from a SPAN port or network tap, and raises alerts when it sees signatures of known attacks or anomalous behaviour. It's passive: it can't block anything, and if it fails, traffic is unaffected.

An **IPS (intrusion prevention system)** sits **inline**: traffic passes through it, so it can drop malicious packets, reset connections or block sources in real time. The trade-offs are that false positives block legitimate traffic, and it must be sized for throughput and designed to fail safely (fail-open or fail-closed, depending on your priorities).

Many modern products do both, and next-generation firewalls include IPS features. Suggestions for placement:
- **Internet edge**: IPS inline behind the perimeter firewall, protecting the DMZ and published services, in prevention mode for high-confidence signatures.
- **Between zones**: inspect traffic between user networks and the server or data centre core, where lateral movement shows up.
- **East-west inside the data centre**: IDS sensors on taps for visibility, as blocking there is riskier at first.
- **Encrypted traffic**: much traffic is TLS, so plan where decryption happens (for example at a load balancer or reverse proxy), or rely on metadata and endpoint telemetry.

Feed all alerts into your SIEM, begin in detection mode, and tune before enabling blocking.""")

qa(["Our auditor flagged that we don't have a log retention policy.",
    "It's a common audit finding. Logs are only useful for investigations if you still have them when you need them.",
    "How long should we keep security logs, and what should the policy cover?"],
"""There's no single number, because it depends on your regulations, contracts and threat model. Common practice:

- **Hot, searchable storage**: 90 days at minimum, so analysts can investigate quickly. Many incidents are discovered weeks after the initial intrusion.
- **Total retention**: **one year** is a widely used baseline for security-relevant logs (PCI DSS requires 12 months with 3 immediately available), often longer where regulation demands, for example several years in some financial and healthcare contexts.
- Delete logs containing personal data when they're no longer needed, since privacy laws such as GDPR require retention to be justified.

What the policy should cover:
1. **Scope**: which sources must be logged, such as authentication, admin actions, firewalls, VPN, EDR, cloud control planes, critical applications and DNS.
2. **Content**: required fields (timestamp with synchronised clocks, user, source, action, result).
3. **Retention periods** per log category, with the justification.
4. **Storage and protection**: centralised collection, access restricted and logged, integrity protection (write-once or immutable storage) so attackers can't erase their tracks.
5. **Review**: who monitors which logs and how alerts are handled.
6. **Disposal**: secure deletion at the end of retention, and legal hold procedures that suspend deletion during investigations.
7. **Ownership** and yearly review of the policy.""")

qa(["I'm integrating 'Sign in with Google' into our web app.",
    "Social login is convenient for users and saves you from storing passwords.",
    "The docs talk about both OAuth 2.0 and OpenID Connect. What's the difference, and which one am I actually using?"],
"""**OAuth 2.0** is an **authorisation** framework: it lets a user grant an application limited access to their resources on another service, such as "let this app read my calendar", by issuing an **access token**. It doesn't define how the app learns who the user is; access tokens are meant for the resource API, not as proof of identity.

**OpenID Connect (OIDC)** is an **authentication** layer built on top of OAuth 2.0. It adds:
- the `openid` scope,
- an **ID token**: a signed JWT with claims about the user (`sub`, the stable user id; `email`; `iss`; `aud`; `exp`; `nonce`),
- a standard userinfo endpoint and discovery metadata.

"Sign in with Google" for logging users in is **OpenID Connect**. Best practices for your integration:
- Use the **authorisation code flow with PKCE**, ideally via a well-maintained library.
- **Validate the ID token**: signature against Google's published keys, issuer, audience equal to your client id, expiry, and the `nonce` you sent.
- Use the `state` parameter to protect against CSRF in the login redirect.
- Identify users by the `sub` claim, not by email, since emails can change.
- Request only the scopes you need; if you don't call Google APIs, `openid email profile` is enough.
- Keep the client secret on the server, never in frontend code.""")

qa(["I'm reviewing an API that uses JWTs for authentication.",
    "JWTs are widespread, and a handful of implementation mistakes show up again and again.",
    "What are the common JWT pitfalls I should check for in the review?"],
"""A checklist for the review:

1. **Algorithm handling**: the server must enforce the expected algorithm, not trust the token's `alg` header. Tokens with `alg: none` must be rejected, and an RS256 service must not accept HS256 tokens (the key confusion attack, where the public key is used as an HMAC secret).
2. **Signature actually verified**: look for code that decodes without verifying, such as a "decode" call used for authorisation decisions.
3. **Weak HMAC secrets**: HS256 secrets must be long and random; short ones can be brute-forced offline from any token.
4. **Claims validation**: check `exp` (and `nbf`), `iss` and `aud`, so tokens issued for another service or environment aren't accepted.
5. **Lifetime and revocation**: long-lived access tokens can't easily be revoked. Prefer short expiry (minutes) with refresh tokens that are rotated and revocable.
6. **Sensitive data in the payload**: JWTs are only base64-encoded, not encrypted, so anyone holding one can read its claims.
7. **Storage in the browser**: tokens in localStorage are exposed to any XSS; HttpOnly, Secure, SameSite cookies are often safer (with CSRF protection).
8. **Key management**: `kid` and `jku` headers must not let the token point to attacker-supplied keys; keys should come from a fixed JWKS endpoint.
9. **Library**: use a maintained library and keep it updated.""")

qa(["I lead security awareness at a 2,000-person company.",
    "That's a large audience. Measuring impact is often the hardest part of awareness programmes.",
    "Leadership wants metrics. Which metrics actually show whether security awareness training works?"],
"""Focus on behaviour and outcomes rather than completion rates alone:

**Behaviour metrics**
- **Phishing report rate**: the share of employees who report simulated (and real) phishing. This is arguably the most valuable metric, because reporting turns employees into sensors.
- **Time to first report** on simulations and real campaigns: fast reports let the security team remove emails before many people click.
- **Click and credential-submission rates** on simulations, tracked over time and by department. Treat it as a trend, and vary difficulty so numbers stay meaningful.
- **Repeat clickers**: whether targeted coaching reduces them.

**Outcome metrics**
- Number of real incidents caused by human error, such as compromised accounts from phishing or misdirected emails, and their cost.
- Share of real phishing that was reported by users versus caught by tools.
- Adoption of secure behaviours: MFA enrolment, password manager use, devices kept updated.

**Programme metrics** (necessary but not sufficient)
- Training completion and quiz results.
- Employee sentiment, from short surveys on how confident people feel reporting.

Presentation tips: show trends quarterly, compare departments to target help, and tie numbers to risk. "Reports now arrive within 4 minutes, so we remove malicious emails before most people see them" resonates more with leadership than a completion percentage.""")

qa(["I'm an HR director and our security team wants to start an insider threat programme.",
    "It's good that HR is involved early. Insider programmes work best when HR, legal and security design them together.",
    "What is an insider threat programme, and how do we run one without making employees feel spied on?"],
"""An **insider threat** is risk from people with legitimate access: employees, contractors and partners. It includes malicious insiders (stealing data before leaving, sabotage), negligent ones (mishandling data, falling for phishing), and compromised accounts used by outsiders. An insider threat programme combines policies, technical controls and people processes to prevent, detect and respond to these cases.

Typical elements:
- **Prevention**: least-privilege access, prompt removal of access on role changes and departures, separation of duties for sensitive actions, and clear acceptable-use policies.
- **Detection**: monitoring focused on high-risk data and actions (bulk downloads, unusual access to sensitive systems, uploads to personal cloud storage), often through DLP and user behaviour analytics.
- **Response**: a defined process with HR, legal and security for investigating alerts fairly, with confidentiality and proportionality.

Keeping trust:
- **Be transparent**: publish what is monitored and why in policies and onboarding; covert, unannounced monitoring damages trust and may be unlawful.
- **Proportionality and privacy**: monitor activity on company systems related to defined risks, not private life; involve legal and works councils or unions where required, and do a privacy impact assessment.
- **Governance**: restrict who can see monitoring data, log their access, and require approval for investigations.
- **Positive culture**: support channels for employees in difficulty and a fair process. Most incidents are mistakes, which calls for coaching rather than punishment.""")

qa(["We're moving our main application from our own servers to a public cloud provider.",
    "A big step. One of the first things to get clear is who's responsible for what.",
    "Everyone mentions the 'shared responsibility model'. What does it mean, and what stays our responsibility?"],
"""The **shared responsibility model** splits security duties between the cloud provider and you. The short version: the provider is responsible for security **of** the cloud, and you are responsible for security **in** the cloud.

**The provider** secures the physical data centres, hardware, the global network, and the virtualisation layer, plus the underlying infrastructure of managed services.

**You always keep**:
- **Identity and access**: who can do what in your account, MFA, roles, and API keys. Misconfigured permissions are a leading cause of cloud breaches.
- **Your data**: classification, encryption choices and key management, backups, and who it's shared with.
- **Configuration**: storage bucket permissions, network security groups, logging settings. Public storage buckets are a classic mistake.
- **Your application code** and its dependencies.

**It shifts with the service model**:
- With **IaaS** (virtual machines), you also patch and harden the guest operating system, its software and the host firewall.
- With **PaaS** (managed databases, app platforms), the provider patches the platform; you configure it and secure the application.
- With **SaaS**, you mostly manage users, access and data settings.

Practical steps for your migration: enable the provider's audit logs and security posture tools from day one, use infrastructure as code so configurations are reviewed, and write down a responsibility matrix for each service you use.""")
