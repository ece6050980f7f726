"""The signed Open Badges 3.0 credential of each certificate: issuer keys, building,
signing (VC-JOSE-COSE, EdDSA over Ed25519), the Bitstring Status List, offline
payloads and verification. Called by ``certificates.services.files`` (the PDF
carries the credential), the credential views and the management commands.
"""
