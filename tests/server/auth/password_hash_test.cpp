#include "server/auth/password_hash.h"

#include <gtest/gtest.h>

namespace parc::server::auth {
namespace {

// Tests use the smallest cost the parser accepts; the default is tested once.
constexpr ScryptParams kFast{10, 8, 1};

TEST(PasswordHash, VerifiesTheRightPasswordOnly) {
  const auto hash = hashPassword("correct horse battery staple", kFast);
  ASSERT_TRUE(hash.ok()) << hash.error();
  EXPECT_TRUE(verifyPassword("correct horse battery staple", *hash));
  EXPECT_FALSE(verifyPassword("correct horse battery stapl", *hash));
  EXPECT_FALSE(verifyPassword("Correct horse battery staple", *hash));
  EXPECT_FALSE(verifyPassword("", *hash));
}

TEST(PasswordHash, SaltsEachHash) {
  const auto first = hashPassword("same", kFast);
  const auto second = hashPassword("same", kFast);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_NE(parsePasswordHash(*first)->salt, parsePasswordHash(*second)->salt);
}

TEST(PasswordHash, EncodesItsParameters) {
  const auto hash = hashPassword("pw", ScryptParams{11, 4, 2});
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$scrypt$ln=11,r=4,p=2$")) << *hash;
  const auto parsed = parsePasswordHash(*hash);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->params, (ScryptParams{11, 4, 2}));
  EXPECT_EQ(parsed->salt.size(), 16u);
  EXPECT_EQ(parsed->hash.size(), 32u);
  EXPECT_EQ(encodePasswordHash(*parsed), *hash);
  EXPECT_TRUE(verifyPassword("pw", *hash));
  EXPECT_TRUE(needsRehash(*hash));
  EXPECT_FALSE(needsRehash(*hash, ScryptParams{11, 4, 2}));
}

TEST(PasswordHash, DefaultParametersAreTheDocumentedOnes) {
  const auto hash = hashPassword("pw");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$scrypt$ln=15,r=8,p=1$")) << *hash;
  EXPECT_TRUE(verifyPassword("pw", *hash));
  EXPECT_FALSE(needsRehash(*hash));
}

TEST(PasswordHash, TamperedEncodingNeverMatches) {
  const std::string good = hashPassword("pw", kFast).value();
  std::string flipped_hash = good;
  flipped_hash.back() = flipped_hash.back() == '0' ? '1' : '0';
  std::string flipped_salt = good;
  const auto salt_at = good.find('$', 9) + 1;
  flipped_salt[salt_at] = flipped_salt[salt_at] == '0' ? '1' : '0';
  std::string other_cost = good;
  other_cost.replace(good.find("ln=10"), 5, "ln=11");
  for (const std::string& tampered : {flipped_hash, flipped_salt, other_cost}) {
    EXPECT_TRUE(parsePasswordHash(tampered).ok()) << tampered;
    EXPECT_FALSE(verifyPassword("pw", tampered)) << tampered;
  }
}

TEST(PasswordHash, RefusesMalformedEncodings) {
  const std::string salt(32, 'a'), hash(64, 'b');
  const std::vector<std::string> hostile = {
      "",
      "pw",
      "$pbkdf2$ln=10,r=8,p=1$" + salt + "$" + hash,
      "$scrypt$ln=10,r=8,p=1$" + salt,                        // no hash
      "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash + "$x",    // one part too many
      "$scrypt$ln=9,r=8,p=1$" + salt + "$" + hash,            // cost below the floor
      "$scrypt$ln=40,r=8,p=1$" + salt + "$" + hash,           // cost that would exhaust memory
      "$scrypt$ln=10,r=0,p=1$" + salt + "$" + hash,
      "$scrypt$ln=10,r=8,p=99$" + salt + "$" + hash,
      "$scrypt$ln=ten,r=8,p=1$" + salt + "$" + hash,
      "$scrypt$p=1,r=8,ln=10$" + salt + "$" + hash,           // order
      "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash.substr(1),  // odd hex
      "$scrypt$ln=10,r=8,p=1$" + std::string(32, 'G') + "$" + hash,
      "$scrypt$ln=10,r=8,p=1$" + std::string(8, 'a') + "$" + hash,    // salt too short
      "$scrypt$ln=10,r=8,p=1$" + salt + "$" + std::string(200, 'b'),  // hash too long
      std::string("$scrypt$ln=10,r=8,p=1$\0\xff", 25) + "$" + hash,
  };
  for (const std::string& encoded : hostile) {
    EXPECT_FALSE(parsePasswordHash(encoded).ok()) << encoded;
    EXPECT_FALSE(verifyPassword("pw", encoded)) << encoded;
    EXPECT_TRUE(needsRehash(encoded)) << encoded;
  }
}

TEST(PasswordHash, GeneratedPasswordsAreLongAndDistinct) {
  const std::string first = generatePassword();
  const std::string second = generatePassword();
  EXPECT_EQ(first.size(), 20u);
  EXPECT_NE(first, second);
  for (char c : first) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << c;
}

}  // namespace
}  // namespace parc::server::auth
